/**
 * ONNX export of the MLPs, built on Tribuo's ONNX graph builder (tribuo-util-onnx), and checks
 * with ONNX Runtime. One graph writer turns any nn-core network into ONNX operators, so Tribuo's
 * {@code MlpModel} and the lessons' saved nn-core models export the same way; the pixel exporter
 * folds Tribuo's feature map and input scaling into the first layer so the graph takes raw images.
 */
package dev.knobs.tribuo.onnx;

/**
 * A command-line train-and-test program for MNIST in the style of Tribuo's own: the MLP trainer
 * from flags or from a configuration file, Tribuo's evaluation printed, the model saved and
 * exported to ONNX on request.
 */
package dev.knobs.tribuo.cli;

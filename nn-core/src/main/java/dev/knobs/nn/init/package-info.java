/**
 * Weight initialisers: the starting point of training. The naive ones (zeros, constant, fixed
 * uniform or normal) are here to show how training fails with them; Xavier, He and LeCun choose
 * the scale from the layer's size so signals neither vanish nor explode.
 */
package dev.knobs.nn.init;

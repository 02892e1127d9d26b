/**
 * MNIST as Tribuo sees it: datasets read once and cut to a run's size, the map from Tribuo's
 * pixel features (IDXDataSource drops zero pixels, leaving 717 of 784) back to the image grid, and
 * the reader's order of the digit labels.
 */
package dev.knobs.tribuo.data;

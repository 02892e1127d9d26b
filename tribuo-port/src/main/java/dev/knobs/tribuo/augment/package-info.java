/**
 * Image augmentation for the Tribuo MLP trainer, as OLCUT configurables: affine (rotation, shift,
 * zoom, shear), elastic, and a sequence of them. Tribuo has no augmentation because it sees
 * examples as named features; these put MNIST features back on the pixel grid and use nn-core's
 * transforms, so Part 1 and Part 2 of the course augment digits in exactly the same way.
 */
package dev.knobs.tribuo.augment;

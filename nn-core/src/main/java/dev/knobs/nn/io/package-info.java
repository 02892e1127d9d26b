/**
 * Files: JSON for results and histories, the versioned and checksummed model file, and atomic
 * writing (temporary file, then rename) so that an interrupted run never leaves half a file.
 */
package dev.knobs.nn.io;

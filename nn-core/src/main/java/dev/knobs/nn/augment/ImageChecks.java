package dev.knobs.nn.augment;

/** The argument checks every transform shares, so that bad sizes fail with a readable message. */
final class ImageChecks {
    private ImageChecks() {}

    /** Throws unless {@code array[off .. off + height*width)} exists. */
    static void image(String what, float[] array, int off, int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size " + height + "x" + width
                    + " is not valid: height and width must be at least 1");
        }
        if (array == null) {
            throw new IllegalArgumentException(what + " is null: pass a float[] of at least "
                    + (long) height * width + " pixels");
        }
        long end = (long) off + (long) height * width;
        if (off < 0 || end > array.length) {
            throw new IllegalArgumentException(what + " has " + array.length + " floats, too few for a "
                    + height + "x" + width + " image starting at index " + off);
        }
    }

    /** Throws unless {@code value} is a finite number in {@code [min, max]}; names it in the message. */
    static double range(String name, double value, double min, double max, String allowed) {
        if (!(value >= min && value <= max) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + " is not allowed: use " + allowed);
        }
        return value;
    }

    /** Throws unless {@code value} is finite. */
    static float finite(String name, float value) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + " is not allowed: use a finite number, e.g. 0");
        }
        return value;
    }
}

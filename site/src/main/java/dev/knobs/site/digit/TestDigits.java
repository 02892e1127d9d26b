package dev.knobs.site.digit;

import dev.knobs.nn.data.Dataset;
import java.util.ArrayList;
import java.util.List;

/**
 * Real MNIST test digits for the page's sample buttons: the first {@code perClass} test images
 * of each class, in test-set order (not picked for being easy).
 */
public final class TestDigits {

    /**
     * One test image.
     *
     * @param index  its position in the 10,000 test images
     * @param label  the true digit
     * @param grey   784 grey levels 0..255, row-major
     */
    public record Digit(int index, int label, int[] grey) {}

    private TestDigits() {}

    /** The first {@code perClass} images of each digit, ordered by digit then by position. */
    public static List<Digit> pick(Dataset test, int perClass) {
        if (test.features() != InputSpec.PIXELS) {
            throw new IllegalArgumentException("test images have " + test.features() + " pixels; expected 784");
        }
        List<List<Digit>> byClass = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < test.size(); i++) {
            int label = test.labels()[i];
            if (label >= 0 && label < 10 && byClass.get(label).size() < perClass) {
                int[] grey = new int[InputSpec.PIXELS];
                for (int p = 0; p < grey.length; p++) {
                    grey[p] = Math.max(0, Math.min(255, Math.round(test.x()[i * InputSpec.PIXELS + p])));
                }
                byClass.get(label).add(new Digit(i, label, grey));
            }
        }
        List<Digit> out = new ArrayList<>();
        for (int round = 0; round < perClass; round++) {
            for (List<Digit> digits : byClass) {
                if (round < digits.size()) {
                    out.add(digits.get(round));
                }
            }
        }
        return out;
    }
}

package dev.knobs.tribuo.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.classification.Label;

/**
 * The labels of a Tribuo output domain in a reader's order. Tribuo numbers labels in the order it
 * first met them (for MNIST: 5, 0, 4, 1, 9, ...), which is right for its matrices and wrong for
 * tables, confusion matrices and ONNX outputs a person reads; this sorts them by number when
 * every name is a whole number (digits 0 to 9), else by name.
 */
public final class LabelOrder {
    private LabelOrder() {}

    public static List<Label> of(ImmutableOutputInfo<Label> domain) {
        List<Label> labels = new ArrayList<>();
        for (Label l : domain.getDomain()) {
            labels.add(new Label(l.getLabel()));
        }
        boolean numeric = labels.stream().allMatch(l -> l.getLabel().matches("-?\\d{1,9}"));
        labels.sort(numeric ? Comparator.comparingInt(l -> Integer.parseInt(l.getLabel()))
                : Comparator.comparing(Label::getLabel));
        return labels;
    }
}

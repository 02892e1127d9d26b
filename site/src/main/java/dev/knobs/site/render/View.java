package dev.knobs.site.render;

import java.util.LinkedHashMap;

/**
 * The values of one template, by the names the template uses. A map rather than a class per
 * template: the templates are the documentation of what each view holds.
 */
public final class View extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;

    /** Sets {@code key} and returns this view, so a view reads as a list of its values. */
    public View with(String key, Object value) {
        put(key, value);
        return this;
    }

    /** A new empty view. */
    public static View of() {
        return new View();
    }
}

package dev.knobs.site.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The page templates ({@code dev/knobs/site/templates/*.mustache} on the classpath), filled with
 * Mustache.java. Mustache is logic-less: the page classes compute every value, the templates only
 * place them; {@code {{x}}} escapes HTML, {@code {{{x}}}} inserts HTML made by the generator.
 */
public final class Templates {
    private final MustacheFactory factory = new DefaultMustacheFactory("dev/knobs/site/templates");
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();

    /** Fills template {@code name} (without {@code .mustache}) with {@code view}. */
    public String render(String name, Object view) {
        Mustache m = compiled.computeIfAbsent(name, n -> factory.compile(n + ".mustache"));
        StringWriter out = new StringWriter();
        m.execute(out, view);
        return out.toString();
    }
}

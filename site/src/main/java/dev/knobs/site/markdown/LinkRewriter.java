package dev.knobs.site.markdown;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * Turns a link or image address written in a README into an address on the site.
 *
 * <p>A README is written for a reader of the repository: {@code runs/reference/loss.png},
 * {@code ../07-dropout/README.md#results}, {@code src/main/java/.../Dropout.java}. On the site,
 * the same things live elsewhere ({@code ../figures/07-dropout/loss.svg},
 * {@code 07-dropout.html#results}). The rewriter resolves the address against the README's folder
 * into a project path, asks {@link SiteLinks} where that path is published, and makes the answer
 * relative to the page being written, so the site works from any folder and from {@code file://}.
 * External addresses ({@code https:}, {@code mailto:}) and same-page anchors are kept; a project
 * file the site does not publish is dropped (the link text stays, as plain text).
 */
public final class LinkRewriter {
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.\\-]*:");

    /** What became of an address. */
    public enum Kind { KEEP, LOCAL, DROP }

    /**
     * The rewritten address.
     *
     * @param kind        kept as written, rewritten to a site address, or dropped
     * @param href        the address to write, or null when dropped
     * @param projectPath the project path the address pointed to (null for kept addresses)
     */
    public record Target(Kind kind, String href, String projectPath) {}

    private final String readmeDir;
    private final String pagePath;
    private final SiteLinks links;

    /**
     * @param readmeDir the README's folder relative to the project root, e.g. {@code lessons/07-dropout} ("" for the root)
     * @param pagePath  the page being written, relative to the site root, e.g. {@code lessons/07-dropout.html}
     * @param links     what the site publishes
     */
    public LinkRewriter(String readmeDir, String pagePath, SiteLinks links) {
        this.readmeDir = readmeDir;
        this.pagePath = pagePath;
        this.links = links;
    }

    /** Rewrites one address. */
    public Target rewrite(String destination) {
        if (destination == null || destination.isBlank()) {
            return new Target(Kind.DROP, null, null);
        }
        String d = destination.strip();
        if (d.startsWith("#") || SCHEME.matcher(d).find()) {
            return new Target(Kind.KEEP, d, null);
        }
        if (d.startsWith("/")) {
            return new Target(Kind.DROP, null, null);
        }
        String fragment = "";
        int hash = d.indexOf('#');
        if (hash >= 0) {
            fragment = d.substring(hash);
            d = d.substring(0, hash);
        }
        int query = d.indexOf('?');
        if (query >= 0) {
            d = d.substring(0, query);
        }
        String projectPath = projectPath(d);
        if (projectPath == null) {
            return new Target(Kind.DROP, null, null);
        }
        String site = links.sitePath(projectPath);
        if (site == null) {
            return new Target(Kind.DROP, null, projectPath);
        }
        String href = relative(pagePath, site);
        if (href.equals(fileName(pagePath)) && !fragment.isEmpty()) {
            href = "";
        }
        return new Target(Kind.LOCAL, href + fragment, projectPath);
    }

    /** The address of a site path as seen from the page being written. */
    public String fromPage(String sitePath) {
        return relative(pagePath, sitePath);
    }

    /** The project path an address points to, or null if it climbs out of the project. */
    public String projectPath(String address) {
        String decoded = URLDecoder.decode(address.replace("+", "%2B"), StandardCharsets.UTF_8);
        return normalise(readmeDir.isEmpty() ? decoded : readmeDir + "/" + decoded);
    }

    /** {@code a/./b/../c/} becomes {@code a/c}; null when {@code ..} climbs above the start. */
    static String normalise(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return String.join("/", parts);
    }

    /** The address of site path {@code to} as seen from the page at site path {@code from}. */
    public static String relative(String from, String to) {
        String[] a = from.split("/");
        String[] b = to.split("/");
        int common = 0;
        while (common < a.length - 1 && common < b.length - 1 && a[common].equals(b[common])) {
            common++;
        }
        StringBuilder s = new StringBuilder();
        for (int i = common; i < a.length - 1; i++) {
            s.append("../");
        }
        for (int i = common; i < b.length; i++) {
            s.append(b[i]);
            if (i < b.length - 1) {
                s.append('/');
            }
        }
        return s.toString();
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}

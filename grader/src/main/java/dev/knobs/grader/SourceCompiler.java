package dev.knobs.grader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles Java sources with the JDK's own compiler (javax.tools), in this JVM, against nn-core. */
final class SourceCompiler {
    private final JavaCompiler compiler;

    SourceCompiler() {
        compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new GraderException("this Java has no compiler (a JRE, not a JDK): run the grader with a JDK 17 or later");
        }
    }

    /**
     * Compiles {@code sources} into {@code classes}.
     *
     * @return the compiler's errors, one readable line each; empty when everything compiled
     */
    List<String> compile(List<Path> sources, Path classes) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            Files.createDirectories(classes);
            List<String> options = List.of("-d", classes.toString(), "-classpath", GraderClasspath.forCompiling(),
                    "-encoding", "UTF-8", "--release", "17", "-proc:none", "-nowarn");
            boolean ok = compiler.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            List<String> errors = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    String file = d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName() + ":"
                            + d.getLineNumber() + ": ";
                    errors.add(file + d.getMessage(Locale.ROOT));
                }
            }
            if (!ok && errors.isEmpty()) {
                errors.add("the compiler failed without saying why");
            }
            return errors;
        } catch (IOException e) {
            throw new UncheckedIOException("could not compile into " + classes + ": " + e.getMessage(), e);
        }
    }
}

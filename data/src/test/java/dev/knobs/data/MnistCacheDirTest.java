package dev.knobs.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MnistCacheDirTest {

    private final Path data = Path.of("project", "data");

    @Test
    void thePropertyWinsOverTheEnvironmentWhichWinsOverTheDefault() {
        assertEquals(Path.of("p"), Mnist.cacheDir("p", "e", data));
        assertEquals(Path.of("e"), Mnist.cacheDir(null, "e", data));
        assertEquals(Path.of("e"), Mnist.cacheDir("  ", "e", data));
        assertEquals(data.resolve("mnist"), Mnist.cacheDir(null, null, data));
        assertEquals(data.resolve("mnist"), Mnist.cacheDir("", "", data));
    }
}

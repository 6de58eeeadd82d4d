package io.nurtureflow.capture;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Two independent decoders for every code we render: ZXing (the library that drew it) and zbarimg (Debian's
 * zbar-tools, another implementation entirely). Outside CI a missing zbarimg skips only its half, loudly; in CI
 * (.ci/run installs it) it fails. Chromium renders SVGs the way a browser or print shop would.
 */
final class Decoders {

    static final String ZBARIMG = "/usr/bin/zbarimg";
    static final String CHROMIUM = "/usr/bin/chromium";

    private Decoders() {
    }

    /**
     * ZXing's multi-code reader, which weighs every triple of finder-pattern candidates: the single-code detector
     * settles on the first plausible triple and misses about 2% of flawless codes whose data happens to contain
     * a finder-like run (zbarimg reads those, and so does this).
     */
    static Result zxing(byte[] png) {
        try {
            var image = ImageIO.read(new ByteArrayInputStream(png));
            var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
            var found = new QRCodeMultiReader().decodeMultiple(bitmap, Map.of(DecodeHintType.TRY_HARDER, true));
            assertThat(found).as("QR codes in the image").hasSize(1);
            return found[0];
        } catch (Exception e) {
            throw new AssertionError("ZXing cannot read the code", e);
        }
    }

    /** Asserts both decoders read exactly the expected text. */
    static void assertDecodes(byte[] png, String expected) {
        assertThat(zxing(png).getText()).as("ZXing").isEqualTo(expected);
        if (!available(ZBARIMG, "zbar-tools")) {
            return;
        }
        try {
            Path file = Files.createTempFile("qr", ".png");
            Files.write(file, png);
            var process = new ProcessBuilder(ZBARIMG, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", file.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            Files.delete(file);
            assertThat(out).as("zbarimg").isEqualTo(expected);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Renders a page or an SVG in headless Chromium and answers the screenshot. */
    static byte[] screenshot(String url, int width, int height) {
        try {
            Path dir = Files.createTempDirectory("chromium");
            Path shot = dir.resolve("shot.png");
            run(List.of(CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                    "--user-data-dir=" + dir.resolve("profile"), "--window-size=" + width + "," + height,
                    "--screenshot=" + shot, url));
            return Files.readAllBytes(shot);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The DOM after Chromium ran the page's scripts (there are none: anything that ran was injected). */
    static String dumpDom(String url) {
        try {
            Path dir = Files.createTempDirectory("chromium");
            return run(List.of(CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--user-data-dir=" + dir.resolve("profile"), "--window-size=390,844", "--dump-dom", url));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** True when the tool is there; outside CI a missing tool is reported and its assertions skipped. */
    static boolean available(String tool, String debianPackage) {
        if (new File(tool).canExecute()) {
            return true;
        }
        if (System.getenv("CI") != null) {
            fail("CI: " + tool + " is missing; install the Debian package " + debianPackage + " (.ci/run does).");
        }
        System.err.println("\n*** SKIPPED the " + tool + " half of this assertion: install Debian's " + debianPackage + "\n");
        return false;
    }

    private static String run(List<String> command) throws IOException {
        var process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return out;
    }
}

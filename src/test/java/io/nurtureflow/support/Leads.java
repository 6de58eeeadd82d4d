package io.nurtureflow.support;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Test data that looks like the real thing and never collides with another test's. */
public final class Leads {

    private static final Pattern SCAN_ID = Pattern.compile("name=\"scanId\" value=\"(\\d+)\"");

    private Leads() {
    }

    /** A valid mainland mobile number, random so tests do not match each other's customers. */
    public static String newPhone() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /**
     * A name no other test lead has: the same name and the same last four phone digits is a likeness that waits
     * for a sales lead, which among hundreds of random phones in the shared test database happens by chance.
     */
    public static String newName() {
        return "家长" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
    }

    public static String scanIdOf(String landingPage) {
        var matcher = SCAN_ID.matcher(landingPage);
        if (!matcher.find()) {
            throw new AssertionError("landing page has no scan id:\n" + landingPage);
        }
        return matcher.group(1);
    }

    public static String decodeQr(byte[] png) {
        try {
            var image = ImageIO.read(new ByteArrayInputStream(png));
            var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
            // a rendered image, not a photo: read it as one, as a phone's scanner would a poster held still
            return new QRCodeReader().decode(bitmap, java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, true,
                    com.google.zxing.DecodeHintType.TRY_HARDER, true)).getText();
        } catch (Exception e) {
            throw new AssertionError("not a readable QR code", e);
        }
    }
}

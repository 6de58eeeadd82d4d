package io.nurtureflow.capture;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.nurtureflow.system.BadInput;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * Live codes as PNG or SVG, rendered by ZXing. A centre logo hides modules, so it forces level H (30 % of the
 * code may be lost) and covers at most a fifth of the width, well inside what H recovers.
 */
final class QrCodes {

    static final int MIN_SIZE = 128;
    static final int MAX_SIZE = 2048;
    static final int MAX_MARGIN = 16;
    /** logo width as a share of the code's width */
    private static final double LOGO_SHARE = 0.2;

    private QrCodes() {
    }

    /** How to draw a code; what the ETag is computed from, together with the content. */
    record Style(int size, ErrorCorrectionLevel level, int margin, byte[] logo) {

        static Style of(int size, String ec, int margin, byte[] logo) {
            if (size < MIN_SIZE || size > MAX_SIZE) {
                throw new BadInput("size", "size must be between " + MIN_SIZE + " and " + MAX_SIZE + " pixels.");
            }
            if (margin < 0 || margin > MAX_MARGIN) {
                throw new BadInput("margin", "margin must be between 0 and " + MAX_MARGIN + " modules.");
            }
            ErrorCorrectionLevel level;
            try {
                level = ErrorCorrectionLevel.valueOf(ec.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadInput("ec", "ec must be one of L, M, Q, H.");
            }
            return new Style(size, logo == null ? level : ErrorCorrectionLevel.H, margin, logo);
        }
    }

    static byte[] png(String content, Style style) {
        return encode(render(content, style), "PNG");
    }

    static BufferedImage render(String content, Style style) {
        BitMatrix matrix = matrix(content, style);
        int modulesWide = matrix.getWidth();
        int scale = Math.max(1, style.size() / modulesWide);
        int drawn = modulesWide * scale;
        // whole pixels per module keep edges sharp; the rest of the requested size is white border
        int offset = (style.size() - drawn) / 2;
        var image = new BufferedImage(style.size(), style.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, style.size(), style.size());
        g.setColor(Color.BLACK);
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < modulesWide; x++) {
                if (matrix.get(x, y)) {
                    g.fillRect(offset + x * scale, offset + y * scale, scale, scale);
                }
            }
        }
        if (style.logo() != null) {
            drawLogo(g, Images.requireImage(style.logo(), "logo"), style.size());
        }
        g.dispose();
        return image;
    }

    static String svg(String content, Style style) {
        BitMatrix matrix = matrix(content, style);
        int modules = matrix.getWidth();
        // one unit per module: the viewBox scales it to the requested size without a pixel-sized path
        var svg = new StringBuilder(64 * 1024)
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(style.size())
                .append("\" height=\"").append(style.size()).append("\" viewBox=\"0 0 ").append(modules).append(' ')
                .append(modules).append("\" shape-rendering=\"crispEdges\">")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
        for (int y = 0; y < matrix.getHeight(); y++) {
            int x = 0;
            while (x < modules) {
                if (!matrix.get(x, y)) {
                    x++;
                    continue;
                }
                int run = x;
                while (run < modules && matrix.get(run, y)) {
                    run++;
                }
                svg.append('M').append(x).append(' ').append(y).append('h').append(run - x).append("v1h-")
                        .append(run - x).append('z');
                x = run;
            }
        }
        svg.append("\"/>");
        if (style.logo() != null) {
            Images.requireImage(style.logo(), "logo");
            double side = modules * LOGO_SHARE;
            double at = (modules - side) / 2;
            svg.append("<rect x=\"").append(at - 0.5).append("\" y=\"").append(at - 0.5).append("\" width=\"")
                    .append(side + 1).append("\" height=\"").append(side + 1).append("\" fill=\"#fff\"/>")
                    .append("<image x=\"").append(at).append("\" y=\"").append(at).append("\" width=\"").append(side)
                    .append("\" height=\"").append(side).append("\" href=\"data:").append(Images.mediaType(style.logo()))
                    .append(";base64,").append(Base64.getEncoder().encodeToString(style.logo())).append("\"/>");
        }
        return svg.append("</svg>").toString();
    }

    static byte[] encode(BufferedImage image, String format) {
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void drawLogo(Graphics2D g, BufferedImage logo, int size) {
        int side = (int) (size * LOGO_SHARE);
        int at = (size - side) / 2;
        int pad = Math.max(2, side / 12);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setColor(Color.WHITE);
        g.fillRect(at - pad, at - pad, side + 2 * pad, side + 2 * pad);
        g.drawImage(logo, at, at, side, side, null);
    }

    private static BitMatrix matrix(String content, Style style) {
        try {
            // size 0: one bit per module; we scale ourselves so the margin is exactly the requested modules
            return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, style.level(), EncodeHintType.MARGIN, style.margin(),
                            EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalStateException("QR encoding failed for a scan URL", e);
        }
    }
}

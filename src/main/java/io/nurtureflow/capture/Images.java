package io.nurtureflow.capture;

import io.nurtureflow.system.BadInput;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/** Uploaded pictures (logos, avatars, WeCom contact codes): only real PNG or JPEG images are kept. */
final class Images {

    private Images() {
    }

    static BufferedImage requireImage(byte[] bytes, String field) {
        if (mediaType(bytes) == null) {
            throw new BadInput(field, "Only PNG or JPEG images are accepted.");
        }
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new BadInput(field, "The image cannot be read.");
            }
            return image;
        } catch (IOException e) {
            throw new BadInput(field, "The image cannot be read.");
        }
    }

    /** By the file's magic number, never by what the uploader claims. */
    static String mediaType(byte[] bytes) {
        if (bytes.length > 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G') {
            return "image/png";
        }
        if (bytes.length > 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        return null;
    }
}

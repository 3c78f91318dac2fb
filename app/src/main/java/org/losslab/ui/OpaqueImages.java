package org.losslab.ui;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javafx.scene.image.Image;

/**
 * JavaFX images with no alpha channel, for pictures that cover their area completely (a chart drawn on a worker, a
 * heat map with its contours).
 *
 * <p>Why: a {@code WritableImage} always carries alpha, so JavaFX must paint whatever lies under it and blend the
 * image over it; on the software pipeline that costs about as much again as the image itself. An image without
 * alpha is opaque to JavaFX's dirty-region painting: the renderer starts at it and copies its pixels, nothing under
 * it is painted. JavaFX makes such an image only when it decodes a file without alpha, so {@link #of} writes the
 * pixels as an uncompressed 24-bit BMP in memory and lets {@link Image} decode it. Both steps are cheap (no
 * compression) and safe on any thread, so a worker does them and the JavaFX thread only swaps the image in.
 */
public final class OpaqueImages {
    private static final int FILE_HEADER = 14;
    private static final int INFO_HEADER = 40;

    private OpaqueImages() {
    }

    /**
     * An opaque image of {@code width} by {@code height} pixels from {@code rgb}, row by row from the top, one int
     * per pixel as 0xRRGGBB (the top byte, alpha, is ignored).
     *
     * @throws IllegalArgumentException when a size is not positive or {@code rgb} is shorter than width * height
     */
    public static Image of(int[] rgb, int width, int height) {
        return of(rgb, width, 0, width, height);
    }

    /**
     * An opaque image of the {@code width} by {@code height} pixels of {@code rgb} from column {@code x0} on, in
     * rows of {@code scan} pixels (a column strip of a larger picture, with no copy of it).
     *
     * @throws IllegalArgumentException when a size is not positive or the strip does not lie inside {@code rgb}
     */
    public static Image of(int[] rgb, int scan, int x0, int width, int height) {
        return new Image(new ByteArrayInputStream(bmp(rgb, scan, x0, width, height)));
    }

    /** The pixels as a BMP file: 24 bits per pixel, uncompressed, rows bottom-up and padded to 4 bytes. */
    static byte[] bmp(int[] rgb, int width, int height) {
        return bmp(rgb, width, 0, width, height);
    }

    /** A column strip of a picture of rows of {@code scan} pixels, as a BMP file. */
    static byte[] bmp(int[] rgb, int scan, int x0, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + " x " + height);
        }
        if (x0 < 0 || x0 + width > scan || rgb.length < (long) scan * (height - 1) + x0 + width) {
            throw new IllegalArgumentException(rgb.length + " pixels in rows of " + scan + " for a " + width + " x "
                    + height + " image from column " + x0);
        }
        int stride = (3 * width + 3) & ~3;
        int size = FILE_HEADER + INFO_HEADER + stride * height;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(size).putInt(0).putInt(FILE_HEADER + INFO_HEADER);
        b.putInt(INFO_HEADER).putInt(width).putInt(height).putShort((short) 1).putShort((short) 24)
                .putInt(0).putInt(stride * height).putInt(2835).putInt(2835).putInt(0).putInt(0);
        byte[] out = b.array();
        int pad = stride - 3 * width;
        int at = FILE_HEADER + INFO_HEADER;
        for (int row = height - 1; row >= 0; row--) {
            int p = row * scan + x0;
            for (int i = 0; i < width; i++) {
                int c = rgb[p + i];
                out[at++] = (byte) c;
                out[at++] = (byte) (c >> 8);
                out[at++] = (byte) (c >> 16);
            }
            at += pad;
        }
        return out;
    }
}

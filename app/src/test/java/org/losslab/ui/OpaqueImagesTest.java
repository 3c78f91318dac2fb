package org.losslab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Random;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Opaque images: the pixels come back exactly, with no alpha channel, through JavaFX and through ImageIO. */
@ExtendWith(ApplicationExtension.class)
class OpaqueImagesTest {
    @Start
    void start(Stage stage) {
        // The JavaFX toolkit is what decodes the images; no window is needed.
    }

    private static int[] randomPixels(int n, long seed) {
        Random rnd = new Random(seed);
        int[] rgb = new int[n];
        for (int i = 0; i < n; i++) {
            rgb[i] = rnd.nextInt();
        }
        return rgb;
    }

    @Test
    void everyPixelComesBackWithoutAlphaForWidthsThatNeedRowPadding() throws Exception {
        // 3 bytes a pixel: widths 1, 2, 3 and 5 pad each row with 1-3 bytes, 4 with none.
        for (int width : new int[] {1, 2, 3, 4, 5, 199}) {
            int height = 7;
            int[] rgb = randomPixels(width * height, width);
            Image image = OpaqueImages.of(rgb, width, height);
            assertEquals(width, image.getWidth(), 0.0);
            assertEquals(height, image.getHeight(), 0.0);
            PixelReader reader = image.getPixelReader();
            assertEquals(PixelFormat.Type.BYTE_RGB, reader.getPixelFormat().getType(), "no alpha channel");
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(OpaqueImages.bmp(rgb, width, height)));
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int want = 0xFF000000 | rgb[y * width + x];
                    assertEquals(want, reader.getArgb(x, y), "JavaFX pixel " + x + "," + y + " of width " + width);
                    assertEquals(want, decoded.getRGB(x, y), "ImageIO pixel " + x + "," + y + " of width " + width);
                }
            }
        }
    }

    @Test
    void aColumnStripOfALargerPictureIsThosePixels() {
        int scan = 23;
        int height = 5;
        int[] rgb = randomPixels(scan * height, 99);
        for (int[] strip : new int[][] {{0, 7}, {7, 9}, {16, 7}, {0, 23}}) {
            Image image = OpaqueImages.of(rgb, scan, strip[0], strip[1], height);
            assertEquals(strip[1], image.getWidth(), 0.0);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < strip[1]; x++) {
                    assertEquals(0xFF000000 | rgb[y * scan + strip[0] + x], image.getPixelReader().getArgb(x, y));
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> OpaqueImages.of(rgb, scan, 20, 4, height));
        assertThrows(IllegalArgumentException.class, () -> OpaqueImages.of(rgb, scan, -1, 4, height));
    }

    @Test
    void badSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> OpaqueImages.of(new int[4], 0, 4));
        assertThrows(IllegalArgumentException.class, () -> OpaqueImages.of(new int[4], 2, -1));
        assertThrows(IllegalArgumentException.class, () -> OpaqueImages.of(new int[5], 2, 3));
    }
}

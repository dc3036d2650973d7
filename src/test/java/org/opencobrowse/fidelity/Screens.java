package org.opencobrowse.fidelity;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.opencobrowse.testing.Browser;

/** Screenshots of a browser's viewport and how much two of them differ. */
final class Screens {
    /**
     * A pixel differs when one of its channels differs by more than this (of 255): anti-aliased edges and font
     * smoothing shift a little between two renderings of the same thing, a missing image or font shifts a lot.
     */
    static final int CHANNEL_TOLERANCE = 48;

    private Screens() {
    }

    /** The top-left {@code width} × {@code height} pixels of the browser's viewport. */
    static BufferedImage capture(Browser browser, int width, int height) {
        byte[] png = ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES);
        try {
            BufferedImage full = ImageIO.read(new ByteArrayInputStream(png));
            return full.getSubimage(0, 0, Math.min(width, full.getWidth()), Math.min(height, full.getHeight()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The share of pixels that differ, in percent (images of different sizes: 100). */
    static double differingPercent(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return 100;
        }
        long differing = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (differs(a.getRGB(x, y), b.getRGB(x, y))) {
                    differing++;
                }
            }
        }
        return 100.0 * differing / ((long) a.getWidth() * a.getHeight());
    }

    private static boolean differs(int p, int q) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff)) > CHANNEL_TOLERANCE) {
                return true;
            }
        }
        return false;
    }

    /** Keeps both screenshots under target/fidelity/ to look at when a page falls short. */
    static void save(String name, BufferedImage customer, BufferedImage agent) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "fidelity"));
            ImageIO.write(customer, "png", dir.resolve(name + "-customer.png").toFile());
            ImageIO.write(agent, "png", dir.resolve(name + "-agent.png").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.opencobrowse.testing;

/** Sleeps in polling loops of tests; an interrupt ends the pause early and keeps the thread's interrupt flag. */
public final class Pause {
    private Pause() {
    }

    public static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

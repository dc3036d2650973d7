package org.opencobrowse.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A frame for the participants of one session, with who should get it, as it travels between nodes. Every node that
 * has connections of the session delivers it to the matching ones; the node that sent it delivered it already and
 * drops its own echo (by {@link #originNode}).
 *
 * @param originNode the node that published it
 * @param target     who gets the frame
 * @param argument   the target's argument: a userToken, userId or role code ("" when the target takes none)
 * @param frame      the frame text, sent as is
 */
public record Delivery(String originNode, Target target, String argument, String frame) {

    /** Who on a session gets a delivery. */
    public enum Target {
        /** Everyone. */
        ALL,
        /** Everyone but the participant with the userToken in {@code argument}. */
        ALL_BUT,
        /** Every participant of the role whose code is {@code argument}. */
        ROLE,
        /** The participant with the userId in {@code argument}. */
        USER,
        /** A DOM frame for agents and controllers; carries a sequence number for gap detection. */
        DOM,
        /** The session ended: everyone gets {@code frame}, then their sockets close. */
        ENDED,
        /** The participant with the userToken in {@code argument} attached on the origin node: close it elsewhere. */
        ATTACHED
    }

    /** One line of header, then the frame: cheap to write and to read, and the frame is never re-encoded. */
    public String encode() {
        return originNode + "\t" + target.name() + "\t" + argument + "\n" + frame;
    }

    /**
     * Several deliveries of one origin in one message: {@link #BATCH_MARK}, then per delivery its encoded length in
     * characters, a newline and {@link #encode its encoding}. One message per batch of DOM frames makes the receiving
     * nodes' cost per frame independent of Redis' per-message cost.
     */
    public static String encodeBatch(List<Delivery> deliveries) {
        StringBuilder text = new StringBuilder(BATCH_MARK);
        for (Delivery delivery : deliveries) {
            if (!delivery.originNode().equals(deliveries.get(0).originNode())) {
                throw new IllegalArgumentException("A batch has one origin node");
            }
            String encoded = delivery.encode();
            text.append(encoded.length()).append('\n').append(encoded);
        }
        return text.toString();
    }

    /** The deliveries of a message made by {@link #encode} or {@link #encodeBatch}; empty when it is neither. */
    public static List<Delivery> decodeAll(String text) {
        if (!text.startsWith(BATCH_MARK)) {
            return decode(text).map(List::of).orElse(List.of());
        }
        List<Delivery> deliveries = new ArrayList<>();
        int at = BATCH_MARK.length();
        try {
            while (at < text.length()) {
                int newline = text.indexOf('\n', at);
                int length = Integer.parseInt(text, at, newline, 10);
                if (length < 0 || newline + 1 + length > text.length()) {
                    return List.of();
                }
                Delivery one = decodeAt(text, newline + 1, newline + 1 + length);
                if (one == null) {
                    return List.of();
                }
                deliveries.add(one);
                at = newline + 1 + length;
            }
        } catch (RuntimeException malformed) {
            return List.of();
        }
        return deliveries;
    }

    /**
     * The origin node of a message made by {@link #encode} or {@link #encodeBatch} (a batch has one origin), read
     * without decoding the rest; null when the message is neither.
     */
    public static String originOf(String text) {
        int start = 0;
        if (text.startsWith(BATCH_MARK)) {
            int newline = text.indexOf('\n', BATCH_MARK.length());
            if (newline < 0) {
                return null;
            }
            start = newline + 1;
        }
        int tab = text.indexOf('\t', start);
        int newline = text.indexOf('\n', start);
        return tab < 0 || (newline >= 0 && newline < tab) ? null : text.substring(start, tab);
    }

    /** Starts a batch message; a single delivery starts with a node name, which cannot hold this control character. */
    public static final String BATCH_MARK = "\u001Ebatch\n";

    /** A numbered DOM frame for agents: its argument is the number, with ":s" for a snapshot ({@link #domSeq}). */
    public static Delivery dom(String originNode, long seq, boolean snapshot, String frame) {
        return new Delivery(originNode, Target.DOM, domArgument(seq, snapshot), frame);
    }

    private static String domArgument(long seq, boolean snapshot) {
        return snapshot ? seq + ":s" : String.valueOf(seq);
    }

    /** The number of a {@link Target#DOM} delivery. */
    public long domSeq() {
        int colon = argument.indexOf(':');
        return Long.parseLong(argument, 0, colon < 0 ? argument.length() : colon, 10);
    }

    /** Whether a {@link Target#DOM} delivery is a snapshot. */
    public boolean domSnapshot() {
        return argument.endsWith(":s");
    }

    /**
     * The encoding of a {@link Target#DOM} delivery of {@code originNode} up to its argument: what a batch built
     * elsewhere starts each delivery with (Redis builds batches of DOM frames in the script that numbers them).
     */
    public static String domHeader(String originNode) {
        return originNode + "\t" + Target.DOM.name() + "\t";
    }

    public static Optional<Delivery> decode(String text) {
        return Optional.ofNullable(decodeAt(text, 0, text.length()));
    }

    /**
     * The delivery encoded in {@code text} from {@code start} to {@code end}, or null when malformed. Reads the header
     * in place, so that the frame, most of the text, is copied once (a batch holds many).
     */
    private static Delivery decodeAt(String text, int start, int end) {
        int newline = text.indexOf('\n', start);
        if (newline < 0 || newline >= end) {
            return null;
        }
        int firstTab = text.indexOf('\t', start);
        int secondTab = firstTab < 0 ? -1 : text.indexOf('\t', firstTab + 1);
        if (secondTab < 0 || secondTab > newline || text.lastIndexOf('\t', newline) != secondTab) {
            return null; // not exactly three header fields
        }
        try {
            return new Delivery(text.substring(start, firstTab),
                    Target.valueOf(text.substring(firstTab + 1, secondTab)),
                    text.substring(secondTab + 1, newline), text.substring(newline + 1, end));
        } catch (IllegalArgumentException unknownTarget) {
            return null;
        }
    }
}

package org.opencobrowse.cluster;

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

    public static Optional<Delivery> decode(String text) {
        int newline = text.indexOf('\n');
        if (newline < 0) {
            return Optional.empty();
        }
        String[] header = text.substring(0, newline).split("\t", -1);
        if (header.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Delivery(header[0], Target.valueOf(header[1]), header[2],
                    text.substring(newline + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

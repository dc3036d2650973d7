package org.opencobrowse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;

/**
 * One co-browse session of the bench: a customer socket that replays the fixture and an agent socket that checks
 * what arrives: latency, order, loss. Works the same against a node and against the {@link BareForwarder}.
 */
final class LoadSession implements AutoCloseable {
    private final Fixture fixture;
    private BenchClient customer;
    private BenchClient agent;
    private String token;
    /** Next frame number this session sends; only the sender thread writes it. */
    private long nextFrame;
    /** The highest frame number the agent saw; only the agent's socket thread writes it. */
    private long lastSeen = -1;
    private volatile Probe probe;
    /** Whether the customer sends DOM at all: its snapshot at start and on every snapshot.request. */
    private final boolean withDom;

    private LoadSession(Fixture fixture, boolean withDom) {
        this.fixture = fixture;
        this.withDom = withDom;
    }

    /**
     * Creates a session, joins its customer on {@code customerUri} (which sends the fixture's snapshot) and, unless
     * {@code withAgent} is false, an agent on {@code agentUri}. Sockets open from source address {@code address}.
     * Without {@code withDom} the customer never sends DOM, not even when asked (idle sockets only).
     */
    static LoadSession open(Fixture fixture, URI customerUri, URI agentUri, int address, boolean withAgent,
                            boolean withDom) throws Exception {
        LoadSession s = new LoadSession(fixture, withDom);
        s.customer = BenchClient.connect(customerUri, s::onCustomerFrame, address);
        JsonNode created = s.customer.request("{\"type\":\"create\",\"id\":1}");
        s.token = created.path("sessionToken").asText();
        s.customer.request("{\"type\":\"join\",\"id\":2,\"role\":1,\"name\":\"Customer\",\"sessionToken\":\"" + s.token
                + "\",\"secret\":\"" + created.path("customerSecret").asText() + "\"}");
        if (withDom) {
            s.customer.send(fixture.snapshotFrame());
        }
        if (withAgent) {
            s.agent = BenchClient.connect(agentUri, s::onAgentFrame, address);
            s.agent.request("{\"type\":\"join\",\"id\":3,\"role\":2,\"name\":\"Agent\",\"sessionToken\":\""
                    + s.token + "\"}");
        }
        return s;
    }

    String token() {
        return token;
    }

    BenchClient customer() {
        return customer;
    }

    void use(Probe probe) {
        this.probe = probe;
    }

    /** Sends the next replayed frame, stamped with its intended send time. */
    void sendNext(long intendedNanos) {
        Probe p = probe;
        customer.send(fixture.frame(nextFrame++, intendedNanos));
        p.recordSent(intendedNanos);
    }

    /** Whether a socket of this session was closed (e.g. slow consumer, rate limit). */
    boolean broken() {
        return customer.closeCode() >= 0 || (agent != null && agent.closeCode() >= 0);
    }

    private void onCustomerFrame(String frame) {
        if (withDom && frame.startsWith("{\"type\":\"snapshot.request\"")) {
            customer.send(fixture.snapshotFrame()); // as the real recorder does
        }
    }

    private void onAgentFrame(String frame) {
        long now = System.nanoTime();
        int at = frame.indexOf(Fixture.MARKER);
        if (at < 0 || at > 256) {
            return; // the snapshot, or a notification
        }
        int numberStart = at + Fixture.MARKER.length();
        int numberEnd = frame.indexOf(',', numberStart);
        long n = Long.parseLong(frame, numberStart, numberEnd, 10);
        int timeStart = numberEnd + 5; // ,"t":
        long intended = Long.parseLong(frame, timeStart, frame.indexOf('}', timeStart), 10);
        Probe p = probe;
        if (n <= lastSeen) {
            p.reordered.increment();
        }
        lastSeen = Math.max(lastSeen, n);
        p.recordReceived(intended, now);
    }

    @Override
    public void close() {
        try {
            customer.close();
        } finally {
            if (agent != null) {
                agent.close();
            }
        }
    }
}

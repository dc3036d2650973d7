package org.opencobrowse.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencobrowse.realtime.Json;
import org.opencobrowse.session.CobrowseSession;
import org.opencobrowse.session.EndReason;
import org.opencobrowse.session.PageVisit;
import org.opencobrowse.session.Participant;
import org.opencobrowse.session.Role;
import org.opencobrowse.session.SessionHistory;
import org.opencobrowse.session.SessionState;

/** Sessions and history records as JSON, for stores outside the JVM. Field names are short and stable. */
public final class SessionCodec {
    private SessionCodec() {
    }

    public static String encode(CobrowseSession s) {
        ObjectNode o = Json.object().put("token", s.token()).put("secret", s.customerSecret())
                .put("host", s.hostNode()).put("historyId", s.historyId()).put("state", s.state().name())
                .put("created", s.creationTime()).put("activated", s.activationTime())
                .put("deactivated", s.deactivationTime()).put("nextUser", s.nextUserNumber());
        s.hostUrl().ifPresent(u -> o.put("hostUrl", u));
        s.endReason().ifPresent(r -> o.put("endReason", r.name()));
        s.controlHolder().ifPresent(h -> o.put("control", h));
        var list = o.putArray("participants");
        for (Participant p : s.participants()) {
            list.addObject().put("id", p.userId()).put("token", p.userToken()).put("role", p.role().code())
                    .put("name", p.name()).put("joined", p.joinedAt());
        }
        return Json.write(o);
    }

    public static CobrowseSession decodeSession(String text) {
        JsonNode o = read(text);
        List<Participant> participants = new ArrayList<>();
        for (JsonNode p : o.path("participants")) {
            participants.add(new Participant(p.path("id").asText(), p.path("token").asText(),
                    Role.ofCode(p.path("role").asInt()).orElseThrow(), p.path("name").asText(),
                    p.path("joined").asLong()));
        }
        return new CobrowseSession(o.path("token").asText(), o.path("secret").asText(), o.path("host").asText(),
                optional(o, "hostUrl"), o.path("historyId").asText(), SessionState.valueOf(o.path("state").asText()),
                o.path("created").asLong(), o.path("activated").asLong(), o.path("deactivated").asLong(),
                optional(o, "endReason").map(EndReason::valueOf), participants, o.path("nextUser").asInt(),
                optional(o, "control"));
    }

    public static String encode(SessionHistory h) {
        ObjectNode o = Json.object().put("id", h.id()).put("token", h.sessionToken()).put("created", h.creationTime())
                .put("activated", h.activationTime()).put("deactivated", h.deactivationTime());
        var pages = o.putArray("pages");
        for (PageVisit p : h.pages()) {
            pages.addObject().put("url", p.url()).put("entered", p.enteredTimestamp()).put("duration", p.duration());
        }
        var users = o.putObject("users");
        h.userTokenHashes().forEach((hash, role) -> users.put(hash, role.code()));
        return Json.write(o);
    }

    public static SessionHistory decodeHistory(String text) {
        JsonNode o = read(text);
        List<PageVisit> pages = new ArrayList<>();
        for (JsonNode p : o.path("pages")) {
            pages.add(new PageVisit(p.path("url").asText(), p.path("entered").asLong(), p.path("duration").asLong()));
        }
        Map<String, Role> users = new HashMap<>();
        o.path("users").fields().forEachRemaining(e -> users.put(e.getKey(), Role.ofCode(e.getValue().asInt())
                .orElseThrow()));
        return new SessionHistory(o.path("id").asText(), o.path("token").asText(), o.path("created").asLong(),
                o.path("activated").asLong(), o.path("deactivated").asLong(), pages, users);
    }

    private static Optional<String> optional(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    private static JsonNode read(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("A stored record is not valid JSON", e);
        }
    }
}

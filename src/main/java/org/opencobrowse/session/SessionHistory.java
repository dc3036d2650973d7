package org.opencobrowse.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What remains of a session for the history API, kept for {@code session.historyRetention}. Participants' userTokens
 * are kept only as SHA-256 hashes, with their role, so that a late {@code stop} still gets its answer.
 *
 * @param pages page visits in order; the last one's duration grows until the session ends
 */
public record SessionHistory(String id, String sessionToken, long creationTime, long activationTime,
                             long deactivationTime, List<PageVisit> pages, Map<String, Role> userTokenHashes) {

    public SessionHistory {
        pages = List.copyOf(pages);
        userTokenHashes = Map.copyOf(userTokenHashes);
    }

    public static SessionHistory of(CobrowseSession session) {
        return new SessionHistory(session.historyId(), session.token(), session.creationTime(), 0, 0, List.of(),
                Map.of());
    }

    public SessionHistory withTimes(CobrowseSession session) {
        return new SessionHistory(id, sessionToken, creationTime, session.activationTime(), session.deactivationTime(),
                session.isEnded() ? closeLastPage(session.deactivationTime()) : pages, userTokenHashes);
    }

    public SessionHistory withPage(String url, long now) {
        List<PageVisit> list = new ArrayList<>(closeLastPage(now));
        list.add(new PageVisit(url, now, 0));
        return new SessionHistory(id, sessionToken, creationTime, activationTime, deactivationTime, list,
                userTokenHashes);
    }

    public SessionHistory withUser(String userTokenHash, Role role) {
        Map<String, Role> users = new java.util.HashMap<>(userTokenHashes);
        users.put(userTokenHash, role);
        return new SessionHistory(id, sessionToken, creationTime, activationTime, deactivationTime, pages, users);
    }

    /** Pages with the open visit's duration computed up to {@code now} (for live sessions). */
    public List<PageVisit> pagesAsOf(long now) {
        if (deactivationTime != 0 || pages.isEmpty()) {
            return pages;
        }
        return closeLastPage(now);
    }

    private List<PageVisit> closeLastPage(long now) {
        if (pages.isEmpty()) {
            return pages;
        }
        List<PageVisit> list = new ArrayList<>(pages);
        PageVisit last = list.get(list.size() - 1);
        if (last.duration() == 0) {
            list.set(list.size() - 1, new PageVisit(last.url(), last.enteredTimestamp(),
                    Math.max(0, now - last.enteredTimestamp())));
        }
        return list;
    }
}

package org.opencobrowse.session;

/** One page the customer was on: URL, when it was entered (UTC ms) and how long it lasted (ms; open visits: so far). */
public record PageVisit(String url, long enteredTimestamp, long duration) {
}

package org.opencobrowse.assets;

/**
 * One asset as the proxy serves it: its normalised content type (see {@link AssetTypes}) and its bytes. Stylesheets are
 * kept as fetched; their url()s are rewritten per request (the rewritten URLs carry the session's key).
 */
public record Asset(String contentType, byte[] body) {
}

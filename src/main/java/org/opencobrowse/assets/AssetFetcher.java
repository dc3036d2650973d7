package org.opencobrowse.assets;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.opencobrowse.config.AssetsConfig;
import org.opencobrowse.errors.CobrowseException;
import org.opencobrowse.errors.ErrorCode;

/**
 * Fetches one public asset for the proxy: GET without cookies or credentials, at most {@code assets.maxSize} bytes,
 * within {@code assets.timeout} for the whole exchange (redirects included), connecting only to addresses the
 * {@link AddressGuard} allowed. A redirect is followed (at most {@value #MAX_REDIRECTS}) only to a URL the caller's
 * policy allows too. Failures complete the future with a {@link CobrowseException}: {@code asset_not_allowed} or
 * {@code asset_unavailable}.
 */
final class AssetFetcher implements AutoCloseable {
    static final int MAX_REDIRECTS = 3;

    private final HttpClient client = new HttpClient();
    private final long maxBytes;
    private final Duration timeout;

    AssetFetcher(AssetsConfig config) {
        this.maxBytes = config.maxBytes();
        this.timeout = config.timeout();
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("cobrowse-assets");
        threads.setDaemon(true);
        client.setExecutor(threads);
        client.setSocketAddressResolver(new AddressGuard(config.allowPrivateAddresses(), threads));
        client.setFollowRedirects(false); // every hop is checked against the policy here
        client.setHttpCookieStore(new HttpCookieStore.Empty()); // one upstream's cookies never reach another fetch
        client.setConnectTimeout(timeout.toMillis());
        client.setIdleTimeout(timeout.toMillis());
        client.setMaxConnectionsPerDestination(8);
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "OpenCobrowse-AssetProxy/1"));
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("The asset proxy's HTTP client did not start", e);
        }
    }

    /** Fetches {@code url}; {@code allowed} decides each redirect target. */
    CompletableFuture<Asset> fetch(URI url, Predicate<URI> allowed) {
        long deadline = System.nanoTime() + timeout.toNanos();
        return hop(url, allowed, deadline, 0);
    }

    private CompletableFuture<Asset> hop(URI url, Predicate<URI> allowed, long deadline, int redirects) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return CompletableFuture.failedFuture(unavailable("took longer than assets.timeout"));
        }
        Request request = client.newRequest(url).method("GET")
                .timeout(TimeUnit.NANOSECONDS.toMillis(remaining), TimeUnit.MILLISECONDS)
                .headers(h -> h.put(HttpHeader.ACCEPT, "image/*,font/*,text/css;q=0.9,*/*;q=0.1"));
        int cap = (int) Math.min(Integer.MAX_VALUE - 8, maxBytes);
        return new CompletableResponseListener(request, cap).send()
                .handle((response, failure) -> failure == null ? response : rethrow(failure))
                .thenCompose(response -> {
                    int status = response.getStatus();
                    if (status >= 300 && status < 400 && response.getHeaders().get(HttpHeader.LOCATION) != null) {
                        return redirect(url, response, allowed, deadline, redirects);
                    }
                    if (status != 200) {
                        throw unavailable("answered " + status);
                    }
                    String type = AssetTypes.of(response.getHeaders().get(HttpHeader.CONTENT_TYPE),
                            response.getContent()).orElseThrow(() -> unavailable("is not an image, font or stylesheet"));
                    return CompletableFuture.completedFuture(new Asset(type, response.getContent()));
                });
    }

    private CompletableFuture<Asset> redirect(URI from, ContentResponse response, Predicate<URI> allowed, long deadline,
                                              int redirects) {
        if (redirects >= MAX_REDIRECTS) {
            throw unavailable("redirects too often");
        }
        URI target;
        try {
            target = from.resolve(response.getHeaders().get(HttpHeader.LOCATION).trim());
        } catch (IllegalArgumentException e) {
            throw unavailable("redirects to an invalid URL");
        }
        if (!allowed.test(target)) {
            throw new CobrowseException(ErrorCode.ASSET_NOT_ALLOWED, "The asset redirects to a host not allowed");
        }
        return hop(target, allowed, deadline, redirects + 1);
    }

    /** The CobrowseException behind a client failure, or asset_unavailable with a safe message. */
    private static ContentResponse rethrow(Throwable failure) {
        Throwable cause = failure;
        while (cause != null) {
            if (cause instanceof CobrowseException e) {
                throw e;
            }
            if (cause instanceof IllegalArgumentException && String.valueOf(cause.getMessage()).contains("capacity")) {
                throw unavailable("is larger than assets.maxSize");
            }
            cause = cause.getCause();
        }
        throw unavailable("could not be fetched");
    }

    private static CobrowseException unavailable(String why) {
        return new CobrowseException(ErrorCode.ASSET_UNAVAILABLE, "The asset " + why);
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception ignored) {
            // stopping: nothing else to do
        }
    }
}

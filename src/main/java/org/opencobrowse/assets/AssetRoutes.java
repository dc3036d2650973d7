package org.opencobrowse.assets;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.opencobrowse.api.HttpReplies;
import org.opencobrowse.cluster.RedisConnector;
import org.opencobrowse.config.AssetsConfig;
import org.opencobrowse.config.CobrowseConfig;
import org.opencobrowse.errors.CobrowseException;
import org.opencobrowse.errors.ErrorCode;
import org.opencobrowse.errors.Rejections;
import org.opencobrowse.security.SecurityGuards;
import org.opencobrowse.session.CobrowseSession;
import org.opencobrowse.session.SessionService;

/**
 * The asset proxy: {@code GET {contextPath}/proxy?s=SESSION&k=KEY&u=URL[&up=1]} serves the mirrored page's fonts,
 * images and stylesheets to agents, and {@code POST {contextPath}/proxy/upload?u=URL} takes the ones the customer
 * script read itself (behind a login, on an intranet). Every other request goes to {@code next}.
 *
 * <p>A proxy request needs a live session and its {@link AssetKey} (else 404 {@code not_found}, the same for both, so
 * codes cannot be probed). It is answered, in this order, by the session's own upload of that URL (with {@code up=1},
 * which the script sets for what it uploads, waiting up to {@value #UPLOAD_WAIT_MILLIS} ms for the upload to land), by
 * the cache, or by a fetch ({@link AssetFetcher}) from a host of {@code assets.allowedDomains} or the session's own
 * site (else 403 {@code asset_not_allowed}; a failed fetch is 502 {@code asset_unavailable}). Stylesheets are served
 * with their url()s pointing at the proxy ({@link CssRewriter}).
 *
 * <p>An upload is authenticated by the customer's userToken in {@value #USER_HEADER}; it is stored under the
 * session's key only, so one session's private asset never reaches another session.
 */
public final class AssetRoutes extends Handler.Abstract implements AutoCloseable {
    static final String PROXY = "/proxy";
    static final String UPLOAD = "/proxy/upload";
    static final String USER_HEADER = "X-Cobrowse-User";
    static final long UPLOAD_WAIT_MILLIS = 5000;

    private final AssetsConfig config;
    private final SessionService service;
    private final AssetCache cache;
    private final AssetFetcher fetcher;
    private final FetchPolicy policy;
    private final UploadWaiter waiter;
    private final AssetUploads uploads;
    private final Rejections rejections;
    private final Handler next;

    /**
     * Uses the cache the configuration asks for: Redis (its own connection) with {@code redis.uri}, else memory.
     * Every error reply is counted by {@code rejections}.
     */
    public AssetRoutes(CobrowseConfig config, SessionService service, SecurityGuards guards, Rejections rejections,
                       Handler next) {
        this(config, service, guards, cacheFor(config), rejections, next);
    }

    public AssetRoutes(CobrowseConfig config, SessionService service, SecurityGuards guards, AssetCache cache,
                       Rejections rejections, Handler next) {
        super(InvocationType.NON_BLOCKING);
        this.rejections = rejections;
        this.config = config.assets();
        this.service = service;
        this.cache = cache;
        this.fetcher = new AssetFetcher(this.config);
        this.policy = new FetchPolicy(this.config.allowedDomains());
        this.waiter = new UploadWaiter(cache, Math.min(UPLOAD_WAIT_MILLIS, this.config.timeout().toMillis()));
        this.uploads = new AssetUploads(service, guards, cache, this.config.maxBytes(),
                this.config.cacheBytes(), rejections);
        this.next = next;
    }

    private static AssetCache cacheFor(CobrowseConfig config) {
        AssetsConfig assets = config.assets();
        return config.redis().uri().<AssetCache>map(uri -> new RedisAssetCache(RedisConnector.connect(config.redis()),
                        assets.cacheTtl(), true))
                .orElseGet(() -> new InMemoryAssetCache(assets.cacheBytes(), assets.cacheTtl(), Clock.systemUTC()));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (path.equals(UPLOAD)) {
            return uploads.handle(request, response, callback);
        }
        if (!path.equals(PROXY)) {
            return next.handle(request, response, callback);
        }
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.getHeaders().put("Allow", "GET, HEAD");
            HttpReplies.reject(rejections, response, callback, ErrorCode.METHOD_NOT_ALLOWED,
                    "Allowed methods: GET, HEAD");
            return true;
        }
        try {
            proxy(request, response, callback, method.equals("HEAD"));
        } catch (CobrowseException e) {
            HttpReplies.reject(rejections, response, callback, e);
        }
        return true;
    }

    private void proxy(Request request, Response response, Callback callback, boolean head) {
        Fields query = AssetUploads.query(request);
        String token = query.getValue("s");
        String key = query.getValue("k");
        String u = query.getValue("u");
        URI url = AssetUploads.assetUrl(u);
        if (token == null || !token.matches("\\d{9}") || key == null) {
            throw new CobrowseException(ErrorCode.BAD_REQUEST, "Parameters s, k and u are required");
        }
        CobrowseSession session = service.find(token).filter(s -> !s.isEnded())
                .filter(s -> AssetKey.matches(s, key))
                .orElseThrow(() -> new CobrowseException(ErrorCode.NOT_FOUND, "No such session or key"));
        String sessionKey = AssetCache.sessionKey(token, u);
        CompletableFuture<Asset> asset = "1".equals(query.getValue("up"))
                ? waiter.await(sessionKey).thenCompose(up -> up.map(CompletableFuture::completedFuture)
                        .orElseGet(() -> fetchPublic(session, url, u)))
                : cache.get(sessionKey).map(CompletableFuture::completedFuture)
                        .orElseGet(() -> fetchPublic(session, url, u));
        asset.whenComplete((found, failure) -> {
            if (failure != null) {
                HttpReplies.reject(rejections, response, callback, asCobrowseException(failure));
                return;
            }
            byte[] body = found.body();
            if (found.contentType().equals(AssetTypes.CSS)) {
                String css = CssRewriter.rewrite(new String(body, StandardCharsets.UTF_8), url,
                        target -> proxyUrl(token, key, target));
                body = css.getBytes(StandardCharsets.UTF_8);
            }
            AssetReplies.write(response, callback, found, body, head, config.cacheTtl().toSeconds());
        });
    }

    /** Relative to the proxy itself, so a rewritten sheet works whatever public URL the node is reached by. */
    static String proxyUrl(String token, String key, String target) {
        return "proxy?s=" + token + "&k=" + key + "&u=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
    }

    private CompletableFuture<Asset> fetchPublic(CobrowseSession session, URI url, String u) {
        List<String> siteOrigins = siteOrigins(session);
        if (!policy.allows(url, siteOrigins)) {
            return CompletableFuture.failedFuture(new CobrowseException(ErrorCode.ASSET_NOT_ALLOWED,
                    "The proxy does not fetch from this host (assets.allowedDomains)"));
        }
        String publicKey = AssetCache.publicKey(u);
        Optional<Asset> cached = cache.get(publicKey);
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(cached.get());
        }
        return fetcher.fetch(url, target -> policy.allows(target, siteOrigins)).thenApply(fetched -> {
            cache.put(publicKey, fetched);
            return fetched;
        });
    }

    /** The origins of the pages the customer shared in this session (from its history). */
    private List<String> siteOrigins(CobrowseSession session) {
        return service.history(session.historyId()).map(h -> h.pages().stream()
                .map(p -> AssetUploads.parse(p.url())).filter(uri -> uri != null)
                .map(FetchPolicy::origin).filter(o -> !o.isEmpty()).distinct().toList()).orElse(List.of());
    }

    private static CobrowseException asCobrowseException(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof CobrowseException e ? e
                : new CobrowseException(ErrorCode.ASSET_UNAVAILABLE, "The asset could not be fetched");
    }

    @Override
    public void close() {
        waiter.close();
        fetcher.close();
        cache.close();
    }
}

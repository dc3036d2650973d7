package org.opencobrowse.cluster;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.opencobrowse.session.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Broker} on Redis pub/sub: two channels per session, its DOM frames ({@link RedisKeys#domChannel}, joined by
 * the nodes that have its agents) and everything else ({@link RedisKeys#channel}, joined by the nodes that have any of
 * its participants). Publishing is asynchronous (pipelined by Lettuce); DOM frames are usually published by the script
 * that numbers them ({@link org.opencobrowse.store.RedisEventBuffer}). Received deliveries are handed to receivers on
 * the pub/sub connection's I/O thread, in order: receivers must not block (and must never wait for Redis). A hand-off
 * to a dispatch thread cost a wake-up per message, more than the delivery itself.
 */
public final class RedisBroker implements Broker {
    private static final Logger LOG = LoggerFactory.getLogger(RedisBroker.class);

    private record Receiver(String nodeName, Consumer<Delivery> consumer) {
    }

    private final RedisConnector redis;
    private final Map<String, List<Receiver>> receivers = new ConcurrentHashMap<>();

    public RedisBroker(RedisConnector redis) {
        this.redis = redis;
        redis.pubSub().addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                if (!onlyEcho(channel, message)) {
                    dispatch(channel, message);
                }
            }
        });
    }

    @Override
    public void publish(String sessionToken, Delivery delivery) {
        publishText(channelOf(sessionToken, delivery), delivery.encode());
    }

    private static String channelOf(String sessionToken, Delivery delivery) {
        return delivery.target() == Delivery.Target.DOM ? RedisKeys.domChannel(sessionToken)
                : RedisKeys.channel(sessionToken);
    }

    /**
     * One message for the batch: the subscribed nodes read and dispatch it once, whatever its size, instead of once
     * per frame.
     */
    @Override
    public void publishAll(String sessionToken, List<Delivery> deliveries) {
        if (deliveries.size() == 1) {
            publish(sessionToken, deliveries.get(0));
        } else if (!deliveries.isEmpty()) {
            publishText(channelOf(sessionToken, deliveries.get(0)), Delivery.encodeBatch(deliveries));
        }
    }

    private void publishText(String channel, String message) {
        try {
            redis.async().publish(channel, message);
        } catch (RuntimeException e) {
            // Redis is down: nodes that miss DOM frames resync from the buffer once it is back.
            LOG.debug("Publishing to session {} failed: {}", Tokens.redacted(RedisKeys.tokenOf(channel)),
                    e.getMessage());
        }
    }

    @Override
    public Subscription subscribe(String sessionToken, String nodeName, Consumer<Delivery> consumer) {
        return subscribeTo(RedisKeys.channel(sessionToken), nodeName, consumer);
    }

    @Override
    public Subscription subscribeDom(String sessionToken, String nodeName, Consumer<Delivery> consumer) {
        return subscribeTo(RedisKeys.domChannel(sessionToken), nodeName, consumer);
    }

    private Subscription subscribeTo(String channel, String nodeName, Consumer<Delivery> consumer) {
        String sessionToken = RedisKeys.tokenOf(channel);
        Receiver receiver = new Receiver(nodeName, consumer);
        receivers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(receiver);
        try {
            redis.pubSub().sync().subscribe(channel);
        } catch (RuntimeException e) {
            LOG.warn("Subscribing to session {} failed (Redis unreachable?): {}", Tokens.redacted(sessionToken),
                    e.getMessage());
        }
        return () -> {
            boolean last = receivers.computeIfPresent(channel, (c, list) -> {
                list.remove(receiver);
                return list.isEmpty() ? null : list;
            }) == null;
            if (last) {
                try {
                    redis.pubSub().async().unsubscribe(channel);
                } catch (RuntimeException e) {
                    LOG.debug("Unsubscribing from session {} failed: {}", Tokens.redacted(sessionToken),
                            e.getMessage());
                }
            }
        };
    }

    /** After Redis came back, subscribes again to every channel this node needs. */
    public void resubscribe() {
        String[] channels = receivers.keySet().toArray(String[]::new);
        if (channels.length > 0) {
            redis.pubSub().sync().subscribe(channels);
        }
    }

    /**
     * Whether every receiver of the channel here is the node that published the message: then there is nothing to
     * deliver, and decoding it is saved. Read from the message's first line only.
     */
    private boolean onlyEcho(String channel, String message) {
        List<Receiver> list = receivers.get(channel);
        if (list == null) {
            return true;
        }
        String origin = Delivery.originOf(message);
        if (origin == null) {
            return false; // let dispatch decide what to do with it
        }
        for (Receiver receiver : list) {
            if (!receiver.nodeName().equals(origin)) {
                return false;
            }
        }
        return true;
    }

    private void dispatch(String channel, String message) {
        List<Receiver> list = receivers.get(channel);
        if (list == null) {
            return;
        }
        for (Delivery delivery : Delivery.decodeAll(message)) {
            for (Receiver receiver : list) {
                if (!receiver.nodeName().equals(delivery.originNode())) {
                    try {
                        receiver.consumer().accept(delivery);
                    } catch (RuntimeException e) {
                        LOG.error("Delivering to session {} failed", Tokens.redacted(RedisKeys.tokenOf(channel)), e);
                    }
                }
            }
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.internal;

import java.util.Objects;
import java.util.function.Function;
import org.pamlearn.core.Network;

/**
 * Gives the learning rules and the checkpoint code access to a {@link Network}'s buffers without
 * making them public API. {@code Network} registers the accessor once, when its class initialises.
 *
 * <p>Internal API.
 */
public final class NetworkAccess {

    private static volatile Function<Network, NetworkState> accessor;

    private NetworkAccess() {
    }

    /**
     * Registers the accessor; called once by {@code Network}.
     *
     * @param access the function returning a network's state
     * @throws IllegalStateException if an accessor is already registered
     */
    public static synchronized void register(Function<Network, NetworkState> access) {
        if (accessor != null) {
            throw new IllegalStateException("NetworkAccess is already registered");
        }
        accessor = Objects.requireNonNull(access, "access");
    }

    /**
     * Returns the mutable state behind a network.
     *
     * @param network the network (its class is initialised, since an instance exists)
     * @return its state, never {@code null}
     */
    public static NetworkState state(Network network) {
        Objects.requireNonNull(network, "network");
        return accessor.apply(network);
    }
}

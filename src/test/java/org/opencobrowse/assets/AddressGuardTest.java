package org.opencobrowse.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencobrowse.errors.CobrowseException;
import org.opencobrowse.errors.ErrorCode;

/** Which addresses the SSRF guard refuses: every way of writing a loopback, private or internal address. */
class AddressGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255",
            "192.168.1.1", "169.254.169.254", "100.64.0.1", "224.0.0.1", "255.255.255.255", "::1", "::",
            "fe80::1", "fc00::1", "fd12:3456::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1",
            "2002:7f00:1::1", "ff02::1"})
    void privateLoopbackAndInternalAddressesAreRefused(String literal) throws Exception {
        assertThat(AddressGuard.isPrivate(InetAddress.getByName(literal))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111"})
    void publicAddressesPass(String literal) throws Exception {
        assertThat(AddressGuard.isPrivate(InetAddress.getByName(literal))).isFalse();
    }

    @Test
    void aHostNameIsJudgedByEveryAddressItResolvesTo() {
        AddressGuard guard = new AddressGuard(false, Runnable::run);
        assertThatThrownBy(() -> guard.check("localhost")).isInstanceOfSatisfying(CobrowseException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ASSET_NOT_ALLOWED));
        assertThat(new AddressGuard(true, Runnable::run).check("localhost")).isNotEmpty();
    }
}

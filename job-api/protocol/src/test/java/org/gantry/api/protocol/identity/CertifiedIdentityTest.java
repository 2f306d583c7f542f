package org.gantry.api.protocol.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

/** What a certificate's subject lets its holder be: its CN as node name, its OUs as roles, nothing else. */
class CertifiedIdentityTest {
    @Test
    void theNameIsTheCnAndTheRolesTheOus() {
        assertThat(CertifiedIdentity.of(new X500Principal("CN=gpu-1, OU=gpu-node, O=Gantry")))
                .contains(new CertifiedIdentity("gpu-1", Set.of("gpu-node")));
        assertThat(CertifiedIdentity.of(new X500Principal("CN=gantry-up, OU=gpu-node, OU=control, O=Gantry")))
                .contains(new CertifiedIdentity("gantry-up", Set.of("control", "gpu-node")));
    }

    @Test
    void certificatesFromBeforeRolesWereBoundReadAsGpuNodes() {
        assertThat(CertifiedIdentity.of(new X500Principal("CN=gpu-1, OU=agent, O=Gantry")))
                .contains(new CertifiedIdentity("gpu-1", Set.of("gpu-node")));
    }

    @Test
    void escapedSeparatorsStayPartOfTheValue() {
        // A name that spells an extra RDN is one odd name, never a second role.
        assertThat(CertifiedIdentity.of(new X500Principal("CN=gpu-1\\,OU\\=control, OU=gpu-node, O=Gantry")))
                .contains(new CertifiedIdentity("gpu-1,OU=control", Set.of("gpu-node")));
        assertThat(CertifiedIdentity.of(new X500Principal("CN=gpu-1, OU=gpu-node\\+OU\\=control")))
                .contains(new CertifiedIdentity("gpu-1", Set.of("gpu-node+OU=control")));
    }

    @Test
    void multiValuedRdnsCountEachAttribute() {
        assertThat(CertifiedIdentity.of(new X500Principal("CN=gpu-2+OU=gpu-node, O=Gantry")))
                .contains(new CertifiedIdentity("gpu-2", Set.of("gpu-node")));
    }

    @Test
    void aSubjectWithoutANameOrRoleOrWithTwoNamesGrantsNothing() {
        assertThat(CertifiedIdentity.of(new X500Principal("OU=control, O=Gantry"))).isEmpty();
        assertThat(CertifiedIdentity.of(new X500Principal("CN=gpu-1, O=Gantry"))).isEmpty();
        assertThat(CertifiedIdentity.of(new X500Principal("CN=, OU=control"))).isEmpty();
        assertThat(CertifiedIdentity.of(new X500Principal("CN=gpu-1, CN=ctl, OU=control"))).isEmpty();
        assertThat(CertifiedIdentity.of(new X500Principal("CN=gpu-1, CN=gpu-1, OU=gpu-node")))
                .contains(new CertifiedIdentity("gpu-1", Set.of("gpu-node")));
    }

    @Test
    void describesItselfForLogs() {
        assertThat(new CertifiedIdentity("gpu-1", Set.of("gpu-node")).describe()).isEqualTo("CN=gpu-1, OU=gpu-node");
    }
}

package org.gantry.api.protocol.identity;

import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Locale;
import java.util.Set;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import org.gantry.api.protocol.MemberRoles;

/**
 * Who a cluster certificate says its holder is: the node name (the subject's CN) and its cluster
 * roles (each OU of the subject). {@code gantry certs} writes exactly these, and the cluster CA
 * signs nothing else, so a member may act only within what its certificate names.
 */
public record CertifiedIdentity(String node, Set<String> roles) {
    /** How certificates from before roles were bound named a GPU node's role: read as {@code gpu-node}. */
    static final String OLD_GPU_NODE = "agent";

    public CertifiedIdentity {
        roles = Set.copyOf(roles);
    }

    /**
     * The identity {@code certificate}'s subject names, or empty when it names no node (no CN) or
     * no role (no OU): such a certificate proves membership of the cluster, but no right in it.
     */
    public static Optional<CertifiedIdentity> of(X509Certificate certificate) {
        return of(certificate.getSubjectX500Principal());
    }

    static Optional<CertifiedIdentity> of(X500Principal subject) {
        String node = null;
        Set<String> roles = new LinkedHashSet<>();
        try {
            for (Rdn rdn : new LdapName(subject.getName(X500Principal.RFC2253)).getRdns()) {
                // An RDN may hold several attributes (OU=a+CN=b): each one counts.
                NamingEnumeration<? extends Attribute> attributes = rdn.toAttributes().getAll();
                while (attributes.hasMore()) {
                    Attribute attribute = attributes.next();
                    String value = String.valueOf(attribute.get());
                    switch (attribute.getID().toUpperCase(Locale.ROOT)) {
                        case "CN" -> {
                            if (node != null && !node.equals(value)) {
                                return Optional.empty(); // two names: which one it holds is not clear
                            }
                            node = value;
                        }
                        case "OU" -> roles.add(value.equals(OLD_GPU_NODE) ? MemberRoles.GPU_NODE : value);
                        default -> { }
                    }
                }
            }
        } catch (NamingException e) {
            return Optional.empty(); // not for a principal's own RFC 2253 form
        }
        return node == null || node.isEmpty() || roles.isEmpty() ? Optional.empty()
                : Optional.of(new CertifiedIdentity(node, roles));
    }

    /** For log lines: {@code CN=gpu-1, OU=gpu-node}. */
    public String describe() {
        return "CN=" + node + ", OU=" + String.join("+", roles);
    }
}

package org.gantry.api.protocol.identity;

import java.time.Instant;

/**
 * A control plane's signature on one command to one agent, made with the private key of its
 * cluster certificate: the agent acts only on a command that the cluster CA's {@code control}
 * certificate holder signed for it, recently. Naming the control plane's actor as the sender is
 * not enough, since Artery lets any member name any sender.
 *
 * @param node      the agent's node name the command is for
 * @param issuedAt  when it was signed (milliseconds): an old command is refused
 * @param certificate the signer's certificate, DER in base64 (public: checked against the CA)
 * @param value     the signature (base64) over {@link SignedContent} of the command
 */
public record CommandSignature(String node, Instant issuedAt, String certificate, String value) {}

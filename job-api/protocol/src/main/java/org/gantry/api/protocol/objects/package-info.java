/**
 * Moving stored objects (checkpoints now; model artifacts and datasets next) between node
 * agents and the control plane's object store: the requests, their replies, and the
 * receptionist key the store registers under. The bytes themselves travel as Pekko stream refs,
 * flow-controlled over Artery, in elements far below its frame size.
 */
package org.gantry.api.protocol.objects;

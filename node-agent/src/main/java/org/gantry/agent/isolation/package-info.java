/**
 * Workload isolation on a node: when the agent runs as root, each job runs under an
 * unprivileged uid of its tenant ({@link JobUsers}), from an allowlisted environment, in a
 * cgroup of its own ({@link CgroupTree}) that carries its memory, CPU and process limits and
 * through which a stop kills every process it started, those that left its process group
 * included. Where that is not possible the agent says so ({@link Isolation.None}) and runs
 * jobs as itself.
 */
package org.gantry.agent.isolation;

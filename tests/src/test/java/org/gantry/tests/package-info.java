/**
 * Tests that cross Gantry's modules: multi-node cluster, multi-process end-to-end,
 * crash/chaos, browser, and benchmark harnesses. Tests that belong to one module live in
 * that module.
 */
package org.gantry.tests;

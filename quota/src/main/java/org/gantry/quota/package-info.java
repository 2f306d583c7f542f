/**
 * Quotas as plain functions over immutable values: each tenant's guarantee and borrowing limit
 * per pool ({@link org.gantry.quota.QuotaBook}), what it uses ({@link org.gantry.quota.UsageLedger}),
 * whether a job may run as guaranteed or borrowed work ({@link org.gantry.quota.QuotaMath#admit}),
 * how idle GPUs are shared between borrowers ({@link org.gantry.quota.FairShare}), and which
 * pools promise more than they have ({@link org.gantry.quota.QuotaMath#overcommitted}).
 *
 * <p>Nothing here stores whether a given allocation is "borrowed": a tenant's usage up to its
 * guarantee is guaranteed, the rest is borrowed, and the scheduler decides which allocations
 * are the borrowed ones (the newest). So a job that started as borrowed work becomes guaranteed
 * as soon as older work of the same tenant finishes, without any bookkeeping.
 */
package org.gantry.quota;

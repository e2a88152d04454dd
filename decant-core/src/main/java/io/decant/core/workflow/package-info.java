/**
 * The steps {@link io.decant.core.Decant} runs a command with, each as the command line always ran it:
 * opening endpoints (URL or DataSource), selecting tables before anything is written, the id mappings a
 * run needs, planning and running ({@link io.decant.core.workflow.Transfer}), verifying, and the files a
 * run leaves (rejects, reports, the audit log). Public for the facade's sake; callers use the facade.
 */
package io.decant.core.workflow;

-- CreateIndex
CREATE INDEX "ActivityEvent_accountId_eventSource_eventTime_idx" ON "ActivityEvent"("accountId", "eventSource", "eventTime");


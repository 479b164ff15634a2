"use client";

import Box from "@cloudscape-design/components/box";
import Container from "@cloudscape-design/components/container";
import Header from "@cloudscape-design/components/header";
import KeyValuePairs from "@cloudscape-design/components/key-value-pairs";
import SpaceBetween from "@cloudscape-design/components/space-between";
import StatusIndicator from "@cloudscape-design/components/status-indicator";
import Table from "@cloudscape-design/components/table";
import { PermissionAlert, type Readout } from "@/components/permission-alert";
import { globalEndpointTokenText, STS_GLOBAL_ENDPOINT, STS_REGIONAL_ENDPOINTS } from "./sts-endpoints";

// The Security Token Service (STS) container, read-only: which Regions accept the session tokens
// of the global endpoint, and the Regional endpoints. The simulator keeps both fixed.

export function StsContainer({ tokenVersion }: { tokenVersion: Readout<number> }) {
  return (
    <section aria-label="Security Token Service (STS)">
      <Container
        header={
          <Header
            variant="h2"
            description="STS issues temporary security credentials from a global endpoint and from Regional endpoints. The simulator keeps these settings fixed, so they are shown here read-only."
          >
            Security Token Service (STS)
          </Header>
        }
      >
        <SpaceBetween size="l">
          <SpaceBetween size="xs">
            <Box variant="h3">Session tokens from the STS endpoints</Box>
            <Box variant="p" color="text-body-secondary">
              Session tokens from Regional endpoints are valid in all AWS Regions. The Region compatibility of session tokens from the global
              endpoint ({STS_GLOBAL_ENDPOINT}) is an account setting.
            </Box>
            {tokenVersion.ok ? (
              <KeyValuePairs columns={1} items={[{ label: "Global endpoint", value: globalEndpointTokenText(tokenVersion.data) }]} />
            ) : (
              <PermissionAlert message={tokenVersion.accessDenied} />
            )}
          </SpaceBetween>
          <Table
            variant="embedded"
            header={
              <Header variant="h3" counter={`(${STS_REGIONAL_ENDPOINTS.length})`}>
                Endpoints
              </Header>
            }
            items={[...STS_REGIONAL_ENDPOINTS]}
            trackBy="region"
            columnDefinitions={[
              { id: "region", header: "Region name", cell: (e) => `${e.regionName} ${e.region}`, isRowHeader: true },
              { id: "endpoint", header: "Endpoint", cell: (e) => e.endpoint },
              { id: "status", header: "Status", cell: (e) => <StatusIndicator type="success">{e.status}</StatusIndicator> },
            ]}
            ariaLabels={{ tableLabel: "STS endpoints" }}
          />
        </SpaceBetween>
      </Container>
    </section>
  );
}

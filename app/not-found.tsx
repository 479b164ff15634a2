import Box from "@cloudscape-design/components/box";
import Container from "@cloudscape-design/components/container";
import Header from "@cloudscape-design/components/header";
import Link from "@cloudscape-design/components/link";
import SpaceBetween from "@cloudscape-design/components/space-between";
import type { Metadata } from "next";
import Image from "next/image";
import styles from "./public-page.module.css";

export const metadata: Metadata = { title: "Page not found" };

// Any address the console does not have.
export default function NotFound() {
  return (
    <div className={styles.page}>
      <header className={styles.brand}>
        <Image src="/icon.svg" alt="" width={28} height={28} unoptimized />
        <span>IAM Console</span>
      </header>
      <main className={styles.main}>
        <div className={styles.card}>
          <Container header={<Header variant="h1">Page not found</Header>}>
            <SpaceBetween size="m">
              <Box variant="p">The page you requested does not exist in the IAM Console.</Box>
              <Link href="/">Go to the IAM dashboard</Link>
            </SpaceBetween>
          </Container>
        </div>
      </main>
    </div>
  );
}

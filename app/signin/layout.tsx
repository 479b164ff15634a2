import Box from "@cloudscape-design/components/box";
import Image from "next/image";
import type { ReactNode } from "react";
import styles from "../public-page.module.css";

// The sign-in pages sit outside the console frame, like signin.aws.amazon.com.
export default function SignInLayout({ children }: { children: ReactNode }) {
  return (
    <div className={styles.page}>
      <header className={styles.brand}>
        <Image src="/icon.svg" alt="" width={28} height={28} unoptimized />
        <span>IAM Console</span>
      </header>
      <main className={styles.main}>
        <div className={styles.card}>{children}</div>
        <div className={styles.footnote}>
          <Box variant="small" color="text-body-secondary">
            This is a simulation of AWS sign-in. Accounts, users and passwords exist only in this IAM
            Console, never in AWS.
          </Box>
        </div>
      </main>
    </div>
  );
}

"use client";

import AppLayout, { type AppLayoutProps } from "@cloudscape-design/components/app-layout";
import BreadcrumbGroup from "@cloudscape-design/components/breadcrumb-group";
import type { ButtonDropdownProps } from "@cloudscape-design/components/button-dropdown";
import SideNavigation, { type SideNavigationProps } from "@cloudscape-design/components/side-navigation";
import TopNavigation from "@cloudscape-design/components/top-navigation";
import { signOut } from "next-auth/react";
import { usePathname, useRouter } from "next/navigation";
import { useRef, useState, type ReactNode } from "react";
import { navTrail } from "./breadcrumbs";
import { CONSOLE_PAGES, NAV_HEADER, NAV_SECTIONS, navEntryFor, type ConsolePageEntry } from "./navigation";
import { Notifications, NotificationsProvider, useNotifications } from "./notifications";
import { PageFrameContext, type PageFrameSettings } from "./page-frame";
import { useFollow } from "./use-follow";

/** Who is signed in, as the top navigation shows it. Plain data from the layout. */
export interface ShellIdentity {
  /** "root" or the IAM user name. */
  displayName: string;
  accountId: string;
  accountAlias: string | null;
  principalArn: string;
  isRoot: boolean;
}

/**
 * The console frame: top navigation, side navigation, breadcrumbs and the Flashbar. `banner`:
 * account-wide warnings (password expiry), which post to the Flashbar.
 */
export function ConsoleShell({ identity, banner, children }: { identity: ShellIdentity; banner?: ReactNode; children: ReactNode }) {
  return (
    <NotificationsProvider>
      {banner}
      <Frame identity={identity}>{children}</Frame>
    </NotificationsProvider>
  );
}

const NAV_ITEMS: readonly SideNavigationProps.Item[] = buildNavItems(CONSOLE_PAGES);

function buildNavItems(pages: readonly ConsolePageEntry[]): SideNavigationProps.Item[] {
  const link = (entry: ConsolePageEntry): SideNavigationProps.Link => ({
    type: "link",
    text: entry.text,
    href: entry.href,
  });
  const sections = NAV_SECTIONS.map((section) => ({
    section,
    entries: pages.filter((entry) => entry.section === section),
  })).filter(({ entries }) => entries.length > 0);
  return [
    ...pages.filter((entry) => !entry.section).map(link),
    ...sections.map(
      ({ section, entries }): SideNavigationProps.Section => ({
        type: "section",
        text: section,
        defaultExpanded: true,
        items: entries.map(link),
      }),
    ),
  ];
}

/** 123456789012 → 1234-5678-9012, as the account menu writes it. */
function formatAccountId(accountId: string): string {
  return accountId.replace(/^(\d{4})(\d{4})(\d{4})$/, "$1-$2-$3");
}

function Frame({ identity, children }: { identity: ShellIdentity; children: ReactNode }) {
  const pathname = usePathname();
  const router = useRouter();
  const follow = useFollow();
  const { notify } = useNotifications();
  const appLayout = useRef<AppLayoutProps.Ref>(null);
  const [pageFrame, setPageFrame] = useState<PageFrameSettings | null>(null);

  const trail = pageFrame?.breadcrumbs ?? navTrail(pathname);
  const accountLabel = identity.accountAlias ?? formatAccountId(identity.accountId);

  const copy = (text: string, what: string) => {
    navigator.clipboard.writeText(text).then(
      () => notify({ id: "account-menu-copy", type: "success", content: `${what} copied.` }),
      () => notify({ id: "account-menu-copy", type: "error", content: `${what} could not be copied.` }),
    );
  };

  const accountItems: ButtonDropdownProps.Items = [
    {
      text: "Account",
      items: [
        {
          id: "copy-account-id",
          text: `Account ID: ${formatAccountId(identity.accountId)}`,
          iconName: "copy",
          ariaLabel: `Copy account ID ${identity.accountId}`,
        },
        ...(identity.accountAlias
          ? [
              {
                id: "copy-account-alias",
                text: `Account alias: ${identity.accountAlias}`,
                iconName: "copy" as const,
                ariaLabel: `Copy account alias ${identity.accountAlias}`,
              },
            ]
          : []),
        {
          id: "copy-principal-arn",
          text: identity.isRoot ? "Copy root user ARN" : "Copy IAM user ARN",
          iconName: "copy",
        },
      ],
    },
    { id: "security-credentials", text: "Security credentials" },
    { id: "sign-out", text: "Sign out" },
  ];

  const onAccountItem = (id: string) => {
    switch (id) {
      case "copy-account-id":
        return copy(identity.accountId, "Account ID");
      case "copy-account-alias":
        return identity.accountAlias ? copy(identity.accountAlias, "Account alias") : undefined;
      case "copy-principal-arn":
        return copy(identity.principalArn, "ARN");
      case "security-credentials":
        return router.push("/security-credentials");
      case "sign-out":
        return void signOut({ callbackUrl: "/signin" });
    }
  };

  return (
    <>
      <div id="console-top-navigation">
        <TopNavigation
          identity={{
            href: "/",
            title: "IAM Console",
            logo: { src: "/icon.svg", alt: "" },
            onFollow: (event) => {
              event.preventDefault();
              router.push("/");
            },
          }}
          utilities={[
            {
              type: "menu-dropdown",
              text: "Global",
              iconName: "globe",
              ariaLabel: "Region: Global",
              items: [{ id: "global", text: "IAM does not require region selection.", disabled: true }],
            },
            {
              type: "menu-dropdown",
              text: `${identity.displayName} @ ${accountLabel}`,
              description: identity.principalArn,
              iconName: "user-profile",
              items: accountItems,
              onItemClick: (event) => onAccountItem(event.detail.id),
            },
          ]}
        />
      </div>
      <AppLayout
        ref={appLayout}
        headerSelector="#console-top-navigation"
        navigation={
          <SideNavigation
            header={NAV_HEADER}
            items={NAV_ITEMS}
            activeHref={navEntryFor(pathname)?.href}
            onFollow={(event) => {
              follow(event);
              appLayout.current?.closeNavigationIfNecessary();
            }}
          />
        }
        breadcrumbs={<BreadcrumbGroup items={[...trail]} ariaLabel="Breadcrumbs" onFollow={follow} />}
        notifications={<Notifications />}
        toolsHide
        contentType={pageFrame?.contentType ?? "default"}
        content={<PageFrameContext value={setPageFrame}>{children}</PageFrameContext>}
      />
    </>
  );
}

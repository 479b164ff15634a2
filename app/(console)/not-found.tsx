import Alert from "@cloudscape-design/components/alert";
import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import { RouterLink } from "@/components/console-layout/router-link";

// notFound() from a console page: shown inside the console frame.
export default function ConsoleNotFound() {
  return (
    <ContentLayout header={<Header variant="h1">Page not found</Header>}>
      <Alert type="warning" header="This page does not exist">
        The resource may have been deleted, or the address may be mistyped.{" "}
        <RouterLink href="/">Go to the IAM dashboard</RouterLink>
      </Alert>
    </ContentLayout>
  );
}

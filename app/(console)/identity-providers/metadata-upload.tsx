"use client";

import FileUpload from "@cloudscape-design/components/file-upload";
import FormField from "@cloudscape-design/components/form-field";
import { useRef, useState } from "react";
import { metadataError, metadataFileError } from "./provider-form-checks";

// The metadata document of a SAML provider, from a file the user picks: read in the browser
// and checked as IAM will read it, so a wrong file is flagged before anything is sent.

export interface MetadataFile {
  files: File[];
  /** The file's text, once read. */
  document: string;
  /** What is wrong, or that no file was chosen. */
  error: string | undefined;
  choose: (files: File[]) => void;
}

export function useMetadataFile(): MetadataFile {
  const [files, setFiles] = useState<File[]>([]);
  const [document, setDocument] = useState("");
  const [error, setError] = useState<string | undefined>("Choose a metadata document.");
  // Only the last file chosen may set the document: an earlier one can finish reading later.
  const latest = useRef(0);

  const choose = (chosen: File[]) => {
    const turn = ++latest.current;
    setFiles(chosen);
    setDocument("");
    const file = chosen[0];
    if (!file) {
      setError("Choose a metadata document.");
      return;
    }
    const tooBig = metadataFileError(file);
    if (tooBig) {
      setError(tooBig);
      return;
    }
    setError("Reading the file…");
    file.text().then(
      (text) => {
        if (turn !== latest.current) return;
        setDocument(text);
        setError(metadataError(text));
      },
      () => {
        if (turn === latest.current) setError("The file could not be read.");
      },
    );
  };
  return { files, document, error, choose };
}

export function MetadataUpload({ file, showError }: { file: MetadataFile; showError: boolean }) {
  // A chosen file's problem shows at once; "choose a file" only once the form is submitted.
  const error = file.files.length > 0 || showError ? file.error : undefined;
  return (
    <FormField
      label="Metadata document"
      description="This document is issued by your IdP: its SAML 2.0 metadata XML, with an IDPSSODescriptor."
      errorText={error}
    >
      <FileUpload
        value={file.files}
        onChange={({ detail }) => file.choose(detail.value)}
        accept=".xml,text/xml,application/xml,application/samlmetadata+xml"
        showFileSize
        i18nStrings={{
          uploadButtonText: () => "Choose file",
          dropzoneText: () => "Drop file to upload",
          removeFileAriaLabel: (_, name) => `Remove file ${name}`,
          errorIconAriaLabel: "Error",
          warningIconAriaLabel: "Warning",
        }}
        constraintText="XML file, up to 512 KB."
      />
    </FormField>
  );
}

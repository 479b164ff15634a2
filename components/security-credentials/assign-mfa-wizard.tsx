"use client";

import Alert from "@cloudscape-design/components/alert";
import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Input from "@cloudscape-design/components/input";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Tiles from "@cloudscape-design/components/tiles";
import Wizard from "@cloudscape-design/components/wizard";
import { startRegistration } from "@simplewebauthn/browser";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ActionErrorAlert, resultError } from "@/components/action-error-alert";
import { Copyable } from "@/components/copyable";
import { WIZARD_STRINGS } from "@/components/wizard/wizard-strings";
import type { ActionError } from "@/lib/action-result";
import {
  addAuthenticatorDevice,
  addSecurityKey,
  beginSecurityKey,
  createAuthenticatorDevice,
  discardAuthenticatorDevice,
  type CreatedAuthenticator,
} from "./mfa-actions";
import { MFA_DEVICE_NAME_CONSTRAINT, mfaCodeError, mfaDeviceNameError } from "./mfa-form-checks";
import { securityCredentialsHref, type CredentialTarget } from "./credential-target";
import styles from "./assign-mfa-wizard.module.css";

// The console's "Assign MFA device": step 1 names the device and picks its kind; step 2 sets it
// up. An authenticator app's virtual device is created on the way to step 2 (its QR code and
// secret key exist only from then, and only in this page's memory) and deleted again when the
// wizard is cancelled or the choice changes; "Add MFA" enables it with two consecutive codes.
// A passkey or security key is registered by the browser's WebAuthn prompt on "Add MFA".
// AWS's third kind, the hardware TOTP token, needs a physical token's serial number and seed
// from its vendor, which a simulated account has no way to hold: it is not offered.

type DeviceKind = "passkey" | "authenticator";

export function AssignMfaWizard({ target }: { target: CredentialTarget }) {
  const router = useRouter();
  const back = securityCredentialsHref(target);
  const [step, setStep] = useState(0);
  const [name, setName] = useState("");
  const [nameTouched, setNameTouched] = useState(false);
  const [kind, setKind] = useState<DeviceKind | null>(null);
  const [kindTouched, setKindTouched] = useState(false);
  const [device, setDevice] = useState<(CreatedAuthenticator & { name: string }) | null>(null);
  const [code1, setCode1] = useState("");
  const [code2, setCode2] = useState("");
  const [codesTouched, setCodesTouched] = useState(false);
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();

  const nameError = nameTouched || name !== "" ? mfaDeviceNameError(name) : undefined;
  const kindError = kindTouched && !kind ? "Select an MFA device." : undefined;
  const code1Error = codesTouched || code1 !== "" ? mfaCodeError(code1) : undefined;
  const code2Error = codesTouched || code2 !== "" ? mfaCodeError(code2) : undefined;

  /** The virtual device made for an earlier choice is deleted; a failure there leaves it unassigned. */
  const discard = async () => {
    if (!device) return;
    setDevice(null);
    await discardAuthenticatorDevice(device.SerialNumber);
  };

  const toSetUp = () => {
    setNameTouched(true);
    setKindTouched(true);
    if (mfaDeviceNameError(name) || !kind) return;
    setError(undefined);
    if (kind === "passkey") {
      setStep(1);
      return;
    }
    if (device?.name === name) {
      setStep(1);
      return;
    }
    startTransition(async () => {
      await discard();
      const result = await createAuthenticatorDevice(name);
      if (!result.ok) {
        setError(resultError(result));
        return;
      }
      setDevice({ ...result.data, name });
      setCode1("");
      setCode2("");
      setCodesTouched(false);
      setStep(1);
    });
  };

  const addAuthenticator = () => {
    setCodesTouched(true);
    if (!device || mfaCodeError(code1) || mfaCodeError(code2)) return;
    startTransition(async () => {
      // Success redirects to the security credentials; only a failure comes back.
      const result = await addAuthenticatorDevice(target, { SerialNumber: device.SerialNumber, AuthenticationCode1: code1, AuthenticationCode2: code2 });
      if (!result.ok) setError(resultError(result));
    });
  };

  const addPasskey = () => {
    startTransition(async () => {
      setError(undefined);
      await discard();
      const begun = await beginSecurityKey(target, name);
      if (!begun.ok) {
        setError(resultError(begun));
        return;
      }
      let response;
      try {
        response = await startRegistration({ optionsJSON: begun.data.options });
      } catch (err) {
        setError({ code: "NotAllowedError", message: browserRefusal(err) });
        return;
      }
      const result = await addSecurityKey(target, begun.data.registrationId, response);
      if (!result.ok) setError(resultError(result));
    });
  };

  const cancel = () => {
    startTransition(async () => {
      await discard();
      router.push(back);
    });
  };

  return (
    <Wizard
      activeStepIndex={step}
      onNavigate={({ detail }) => {
        if (detail.requestedStepIndex === 1) return toSetUp();
        setError(undefined);
        setStep(detail.requestedStepIndex);
      }}
      onCancel={cancel}
      onSubmit={() => (kind === "passkey" ? addPasskey() : addAuthenticator())}
      isLoadingNextStep={pending}
      submitButtonText="Add MFA"
      i18nStrings={WIZARD_STRINGS}
      steps={[
        {
          title: "Select MFA device",
          description:
            "Multi-factor authentication (MFA) adds an extra layer of security: signing in then needs a passkey, a security key or a code from an authenticator app, in addition to the password.",
          content: (
            <SpaceBetween size="l">
              {step === 0 && <ActionErrorAlert error={error} />}
              <Container header={<Header variant="h2">Device name</Header>}>
                <FormField
                  label="Device name"
                  description="Enter a meaningful name to identify this device."
                  constraintText={MFA_DEVICE_NAME_CONSTRAINT}
                  errorText={nameError}
                  controlId="mfa-device-name"
                >
                  <Input
                    controlId="mfa-device-name"
                    value={name}
                    onChange={({ detail }) => setName(detail.value)}
                    onBlur={() => setNameTouched(true)}
                    invalid={!!nameError}
                    autoComplete={false}
                    spellcheck={false}
                  />
                </FormField>
              </Container>
              <Container
                header={
                  <Header variant="h2" description="Select an MFA device to use, in addition to your username and password, whenever you need to authenticate.">
                    MFA device
                  </Header>
                }
              >
                <FormField errorText={kindError} stretch>
                  <Tiles
                    value={kind}
                    onChange={({ detail }) => setKind(detail.value as DeviceKind)}
                    ariaLabel="MFA device"
                    columns={2}
                    items={[
                      {
                        value: "passkey",
                        label: "Passkey or security key",
                        description:
                          "Authenticate using your fingerprint, face, or screen lock. Create a passkey on this device or use another device, like a FIDO2 security key.",
                      },
                      {
                        value: "authenticator",
                        label: "Authenticator app",
                        description: "Authenticate using a code generated by an app installed on your mobile device or computer.",
                      },
                    ]}
                  />
                </FormField>
              </Container>
            </SpaceBetween>
          ),
        },
        {
          title: "Set up device",
          content: (
            <SpaceBetween size="l">
              {step === 1 && <ActionErrorAlert error={error} />}
              {kind === "passkey" ? (
                <PasskeySetUp name={name} />
              ) : device ? (
                <AuthenticatorSetUp
                  device={device}
                  code1={code1}
                  code2={code2}
                  code1Error={code1Error}
                  code2Error={code2Error}
                  onCode1={setCode1}
                  onCode2={setCode2}
                />
              ) : null}
            </SpaceBetween>
          ),
        },
      ]}
    />
  );
}

/** What the browser says when the user closes its prompt or the authenticator refuses. */
function browserRefusal(err: unknown): string {
  const detail = err instanceof Error ? err.message : String(err);
  return `The passkey or security key was not registered: ${detail}`;
}

function PasskeySetUp({ name }: { name: string }) {
  return (
    <Container header={<Header variant="h2">Passkey or security key</Header>}>
      <SpaceBetween size="s">
        <Box variant="p">
          Choose <b>Add MFA</b>, then follow your browser&apos;s prompts to register {name}: create a passkey with this device&apos;s
          fingerprint, face or screen lock, or insert your FIDO2 security key and touch it.
        </Box>
        <Alert type="info">Your browser asks before anything is registered. The passkey or security key then signs you in as your MFA device.</Alert>
      </SpaceBetween>
    </Container>
  );
}

function AuthenticatorSetUp({
  device,
  code1,
  code2,
  code1Error,
  code2Error,
  onCode1,
  onCode2,
}: {
  device: CreatedAuthenticator & { name: string };
  code1: string;
  code2: string;
  code1Error?: string;
  code2Error?: string;
  onCode1: (code: string) => void;
  onCode2: (code: string) => void;
}) {
  const [shown, setShown] = useState<"qr" | "secret" | null>(null);
  return (
    <Container header={<Header variant="h2" description={`Device name: ${device.name}`}>Authenticator app</Header>}>
      <ol style={{ margin: 0, paddingInlineStart: 20 }}>
        <li>
          <Box variant="p">
            Install a compatible application such as Google Authenticator, Duo Mobile, or Authy app on your mobile device or computer.
          </Box>
        </li>
        <li>
          <SpaceBetween size="s">
            <Box variant="p">
              Open your authenticator app, choose <b>Show QR code</b> on this page, then use the app to scan the code. Alternatively, you
              can type a secret key.
            </Box>
            <div className={styles.panel}>
              {shown === "qr" ? (
                // A data: URL of the PNG IAM returned; next/image has nothing to optimize here.
                // eslint-disable-next-line @next/next/no-img-element
                <img src={`data:image/png;base64,${device.QRCodePNG}`} alt="QR code" width={228} height={228} />
              ) : shown === "secret" ? (
                <div className={styles.secret}>
                  <Copyable text={device.Base32StringSeed} what="Secret key" />
                </div>
              ) : null}
              <SpaceBetween direction="horizontal" size="l">
                <Button variant="inline-link" onClick={() => setShown("qr")}>
                  Show QR code
                </Button>
                <Button variant="inline-link" onClick={() => setShown("secret")}>
                  Show secret key
                </Button>
              </SpaceBetween>
            </div>
          </SpaceBetween>
        </li>
        <li>
          <SpaceBetween size="m">
            <Box variant="p">Type two consecutive MFA codes below.</Box>
            <FormField label="MFA code 1" description="Enter a code from your virtual app." errorText={code1Error} controlId="mfa-code-1">
              <Input controlId="mfa-code-1" value={code1} onChange={({ detail }) => onCode1(detail.value.trim())} inputMode="numeric" autoComplete={false} />
            </FormField>
            <FormField label="MFA code 2" description="Wait 30 seconds, and enter a second code." errorText={code2Error} controlId="mfa-code-2">
              <Input controlId="mfa-code-2" value={code2} onChange={({ detail }) => onCode2(detail.value.trim())} inputMode="numeric" autoComplete={false} />
            </FormField>
          </SpaceBetween>
        </li>
      </ol>
    </Container>
  );
}

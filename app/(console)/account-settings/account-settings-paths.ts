// Where the Account settings pages are. Plain module: server actions (redirect, revalidatePath)
// and client components (links) share it.

export const ACCOUNT_SETTINGS_HREF = "/account-settings";
export const EDIT_PASSWORD_POLICY_HREF = `${ACCOUNT_SETTINGS_HREF}/password-policy/edit`;

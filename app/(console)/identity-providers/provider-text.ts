// The identity provider pages' words, shared by the list and the provider's page.

export const DELETE_PROVIDER_DESCRIPTION =
  "Roles that trust this provider can no longer be assumed by its users. The roles themselves are not deleted; their trust policies still name the provider until you edit them.";

/** Why an OpenID Connect provider may have no thumbprints here. */
export const THUMBPRINTS_NOTE =
  "IAM secures communication with most OpenID Connect providers through its library of trusted certificate authorities, and fetches a provider's thumbprint itself when none is given. This simulation never connects to the provider, so it stores only the thumbprints you enter.";

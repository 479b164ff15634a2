// SHARED COMPONENT — the IAM console's delete dialog with typed confirmation. See delete-modal.tsx.
export { DeleteModal, type DeleteDependency, type DeleteModalProps } from "./delete-modal";
export { CONFIRM_WORD, confirmationPhrase, isConfirmed, type ConfirmationMode } from "./confirmation";

export {
  startWebhookReceiver,
  verifyWithDocumentedRecipe,
  type ReceivedWebhook,
  type WebhookReceiver,
  type WebhookReceiverOptions,
} from './webhook-receiver.js';

/** The field names a retry search reads: idempotency keys, redelivery flags and counts, consumer groups. */
export const IDEMPOTENCY_KEY_FIELDS = ['idempotency_key', 'idempotency-key', 'Idempotency-Key', 'idempotencyKey'] as const;
export const REDELIVERED_FIELDS = ['redelivered', 'redelivery', 'JMSRedelivered', 'is_redelivery'] as const;
export const DELIVERY_COUNT_FIELDS = ['delivery_count', 'deliveryCount', 'delivery_attempt', 'x-delivery-count', 'redelivery_count', 'deliveries'] as const;
/** Fields naming the consumer group a receive was delivered in (Kafka's group.id and kin). */
export const CONSUMER_GROUP_FIELDS = ['group', 'group_id', 'groupId', 'group.id', 'consumer_group', 'consumerGroup', 'consumer-group'] as const;
